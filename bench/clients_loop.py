"""The peer of emqxsh's 1,000,000-client stream: a plain urllib + json loop over the same pages.

Usage: clients_loop.py BASE_URL PAGE_SIZE. Prints the number of clients counted.
"""
import base64
import json
import sys
import urllib.request

base, limit = sys.argv[1], int(sys.argv[2])
auth = "Basic " + base64.b64encode(b"bench:bench-secret").decode()
page, count = 1, 0
while True:
    request = urllib.request.Request(f"{base}/clients?page={page}&limit={limit}", headers={"Authorization": auth})
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
    for client in body["data"]:
        count += 1
    if not body["meta"]["hasnext"]:
        break
    page += 1
print(count)
