class ApiError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
def call_api(i, attempt):
    if (i + attempt) % 5 == 0:
        raise ApiError("SERVER_BUSY", f"busy on {i}")
    if i % 97 == 0:
        raise ApiError("NOT_FOUND", f"no client {i}")
    return i * 2
def with_retry(i, tries=3, base=0.1):
    attempt = 0
    delay = base
    while True:
        try:
            return call_api(i, attempt)
        except ApiError as e:
            if e.code != "SERVER_BUSY" or attempt + 1 >= tries:
                raise
            attempt += 1
            delay = min(delay * 2, 1.0)
ok = missing = gave_up = total = 0
for i in range(400000):
    try:
        total += with_retry(i)
        ok += 1
    except ApiError as e:
        if e.code == "NOT_FOUND":
            missing += 1
        else:
            gave_up += 1
print(ok, missing, gave_up, total)
