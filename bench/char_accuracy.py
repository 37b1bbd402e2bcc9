#!/usr/bin/python3
"""Character accuracy of OCR output against the known text of a page.

    char_accuracy.py TRUTH.txt OCR.txt      -> prints the accuracy, 0..1

Accuracy is 1 - (edit distance / length of the truth), over the texts with
all white space removed and full-width ASCII folded, so that layout (line
breaks, spacing) does not count, only characters.
"""

import sys
import unicodedata


def clean(text):
    out = []
    for ch in text:
        if ch.isspace():
            continue
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        out.append(ch)
    return "".join(out)


def distance(a, b):
    """Levenshtein distance, O(len(a) * len(b)) time, O(len(b)) memory."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def accuracy(truth, ocr):
    t, o = clean(truth), clean(ocr)
    if not t:
        return 1.0
    return max(0.0, 1.0 - distance(t, o) / len(t))


if __name__ == "__main__":
    truth = open(sys.argv[1], encoding="utf-8").read()
    ocr = open(sys.argv[2], encoding="utf-8", errors="replace").read()
    print(f"{accuracy(truth, ocr):.4f}")
