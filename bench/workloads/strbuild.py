# A report built as one string: lines appended with +=, then measured and cut up again.
import sys


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    out = ""
    for i in range(n):
        out += f"client-{i % 500} qos={i % 3} bytes={i * 13 % 9973}\n"
        if i % 10000 == 0:
            out += f"--- page {i // 10000} ---\n"
    lines = out.strip().split("\n")
    pages = len(list(filter(lambda l: l.startswith("---"), lines)))
    big = 0
    for l in lines:
        if l.endswith("9972") or "bytes=99" in l:
            big += 1
    print(len(out), len(lines), pages, big)


main()
