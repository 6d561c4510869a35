"""Just enough of Py4J's text protocol to drive a JVM without pyspark.

pyspark cannot be installed where these ITs run, so this driver talks to the gateway that Spark's
PythonRunner starts for every Python application (PYSPARK_GATEWAY_PORT/PYSPARK_GATEWAY_SECRET),
the way pyspark itself does: it authenticates, creates a JavaSparkContext and calls Java methods.
"""
import socket


class JavaError(Exception):
    pass


class Gateway:
    def __init__(self, port, secret):
        self._sock = socket.create_connection(("127.0.0.1", int(port)))
        self._file = self._sock.makefile("rw", encoding="utf-8", newline="\n")
        answer = self._send("A\n%s\n" % secret)
        if answer != "!yv":
            raise JavaError("gateway authentication failed: %r" % answer)

    def _send(self, command):
        self._file.write(command)
        self._file.flush()
        return self._file.readline().rstrip("\n")

    @staticmethod
    def _encode(value):
        if isinstance(value, JavaObject):
            return "r" + value.target_id
        if isinstance(value, bool):
            return "b" + ("true" if value else "false")
        if isinstance(value, int):
            return "i%d" % value
        if value is None:
            return "n"
        text = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return "s" + text

    def _decode(self, answer):
        if answer.startswith("!xr"):  # a Java exception: its text and causes
            error, messages = JavaObject(self, answer[3:]), []
            while error is not None and len(messages) < 5:
                messages.append(self.call(error, "toString"))
                error = self.call(error, "getCause")
            raise JavaError(" / caused by: ".join(messages))
        if not answer.startswith("!y"):
            raise JavaError("Java call failed: %r" % answer)
        kind, value = answer[2:3], answer[3:]
        if kind in "rlahtg":  # object, list, map, set, array, iterator: a reference
            return JavaObject(self, value)
        if kind == "s":
            return value.replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\")
        if kind in "iL":
            return int(value)
        if kind == "b":
            return value.lower() == "true"
        if kind == "d":
            return float(value)
        return None  # void, null

    def new(self, class_name, *args):
        parts = ["i", class_name] + [self._encode(a) for a in args] + ["e"]
        return self._decode(self._send("\n".join(parts) + "\n"))

    def call(self, target, method, *args):
        target_id = target.target_id if isinstance(target, JavaObject) else "z:" + target
        parts = ["c", target_id, method] + [self._encode(a) for a in args] + ["e"]
        return self._decode(self._send("\n".join(parts) + "\n"))

    def java_list(self, items):
        result = self.new("java.util.ArrayList")
        for item in items:
            self.call(result, "add", item)
        return result

    def python_list(self, java_list):
        return [self.call(java_list, "get", i) for i in range(self.call(java_list, "size"))]


class JavaObject:
    def __init__(self, gateway, target_id):
        self.gateway = gateway
        self.target_id = target_id
