"""An SMTP sink on loopback for server/tests/mail.rs: every mail received is written to
OUT_DIR as one .eml file (written under a temporary name, then renamed, so a test never
reads half a mail). Prints "ready" once it accepts connections; runs until killed.

usage: python smtp_sink.py PORT OUT_DIR
"""

import os
import sys
import threading
import uuid

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out_dir):
        self.out_dir = out_dir

    async def handle_DATA(self, server, session, envelope):
        name = f"{uuid.uuid4()}.eml"
        tmp = os.path.join(self.out_dir, f".{name}.tmp")
        with open(tmp, "wb") as f:
            for rcpt in envelope.rcpt_tos:
                f.write(f"X-Envelope-To: {rcpt}\r\n".encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.out_dir, name))
        return "250 OK"


def main():
    port, out_dir = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    controller = Controller(Sink(out_dir), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
