# Stands in for systemd's notification socket in the package tests: binds the AF_UNIX datagram socket
# given as the first argument, appends each message (one line, fields space-separated) to the file given
# as the second, and closes the file descriptors systemd-notify passes for its barrier, which releases it.
import array
import os
import socket
import sys

path, log = sys.argv[1], sys.argv[2]
out = open(log, "a", buffering=1)
server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
server.bind(path)
while True:
    message, ancillary, _, _ = server.recvmsg(4096, socket.CMSG_SPACE(16 * 4))
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
            for fd in fds:
                os.close(fd)
    out.write(message.decode("utf-8", "replace").replace("\n", " ").strip() + "\n")
