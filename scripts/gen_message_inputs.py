#!/usr/bin/env python3
"""Generates the inputs of the analyzer's whole-process benchmarks in BENCHMARKS.md.

usage: scripts/gen_message_inputs.py OUT_DIR

Writes OUT_DIR/sms-100k.jsonl (100,000 SMS-sized messages, {"text", "channel"}: a mix of
chat, legitimate alerts and scams in English and both Chinese scripts, built from the
corpus data/eval/messages.csv with varied numbers, names and links) and
OUT_DIR/email-10k.jsonl (10,000 raw emails, {"email"}: multipart plain + HTML, base64 or
quoted-printable, UTF-8 / Big5 / GBK, 2-6 KB each). Deterministic (seeded).
"""
import base64
import csv
import json
import os
import quopri
import random
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "data", "eval", "messages.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    texts = [r[1] for r in rows]
    chat = ["ok see you at 7", "Can you call me when you're free?", "lol that was great",
            "I'm on the bus, 10 min", "明天見", "好的，谢谢！", "Did you get my email about the trip?"]
    rng = random.Random(11)
    names = ["Alice", "Ka Ho", "Mei", "Tom", "Wing", "Priya"]
    hosts = ["example.com", "examp1e-support.com", "binance-verify.net", "bit.ly/3xYz",
             "docs.google.com/forms/d/1abc", "okx.com", "evil-login.top"]
    with open(os.path.join(out, "sms-100k.jsonl"), "w", encoding="utf-8") as f:
        for i in range(100_000):
            base = rng.choice(texts) if rng.random() < 0.6 else rng.choice(chat)
            extra = rng.random()
            if extra < 0.2:
                base += f" https://{rng.choice(hosts)}/{rng.randrange(10**6)}"
            elif extra < 0.35:
                base += f" Call +852 {rng.randrange(5000, 9999)} {rng.randrange(1000, 9999)}"
            elif extra < 0.45:
                base = f"Hi {rng.choice(names)}, " + base
            f.write(json.dumps({"text": base[:480], "channel": "sms"}, ensure_ascii=False) + "\n")

    bodies = texts + chat
    with open(os.path.join(out, "email-10k.jsonl"), "w", encoding="utf-8") as f:
        for i in range(10_000):
            body = " ".join(rng.choice(bodies) for _ in range(rng.randrange(4, 12)))
            host = rng.choice(hosts)
            html = ("<html><body><p>" + body.replace("\n", "<br>") + "</p>"
                    f"<p><a href=\"https://{host}/login?u={i}\">https://www.example.com/account</a></p>"
                    "<p><a href=\"https://www.example.com/help\">Help centre</a></p></body></html>")
            charset = rng.choice(["utf-8", "utf-8", "big5", "gbk"])
            try:
                plain_bytes = body.encode(charset)
                html_bytes = html.encode(charset)
            except UnicodeEncodeError:
                charset = "utf-8"
                plain_bytes = body.encode(charset)
                html_bytes = html.encode(charset)
            if rng.random() < 0.5:
                cte = "base64"
                plain = base64.encodebytes(plain_bytes).decode()
                htmlp = base64.encodebytes(html_bytes).decode()
            else:
                cte = "quoted-printable"
                plain = quopri.encodestring(plain_bytes).decode()
                htmlp = quopri.encodestring(html_bytes).decode()
            name = rng.choice(["Example Exchange Support", "Binance", "Alice Chan", "OKX 客服"])
            raw = (f"From: \"{name}\" <no-reply@{rng.choice(['example.com', 'mail-desk.net', 'examp1e.com'])}>\r\n"
                   f"Reply-To: help@{rng.choice(['example.com', 'other.example'])}\r\n"
                   f"Return-Path: <bounce-{i}@mailer.example.com>\r\n"
                   f"Subject: =?utf-8?B?{base64.b64encode(('Account notice ' + str(i)).encode()).decode()}?=\r\n"
                   "MIME-Version: 1.0\r\n"
                   "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
                   f"--b1\r\nContent-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n{plain}\r\n"
                   f"--b1\r\nContent-Type: text/html; charset={charset}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n{htmlp}\r\n"
                   "--b1--\r\n")
            f.write(json.dumps({"email": raw}) + "\n")


if __name__ == "__main__":
    main()
