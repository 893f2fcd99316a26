#!/usr/bin/env python3
"""Reproduces the koers.sealed/1 test vectors of docs/api.md with an independent
implementation: Python's `cryptography` package (OpenSSL's Argon2id and IETF
ChaCha20-Poly1305); the extended nonce of XChaCha20 is derived with HChaCha20, computed
from one ChaCha20 block. Needs `cryptography` >= 44. Run: python3 docs/sealed_vectors.py"""
import base64
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

CODE = "K7QM2XHV9RTD4WNBC8FJ"  # k7qm-2xhv-9rtd-4wnb-c8fj, normalised
PLAINTEXT = b'{"schema":"koers.dossier/1","participant":{"id":"p-test","first_name":"Test"}}'
SALT = bytes(range(16))
NONCE = bytes(0x40 + i for i in range(24))
SEALED_SCHEMA = b"koers.dossier/1"


def hchacha20(key: bytes, nonce16: bytes) -> bytes:
    # One ChaCha20 block is rounds(state) + state; HChaCha20 is rounds(state) words 0-3, 12-15.
    block = Cipher(algorithms.ChaCha20(key, nonce16), mode=None).encryptor().update(bytes(64))
    state = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    state += list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))
    words = struct.unpack("<16I", block)
    rounds = [(words[i] - state[i]) & 0xFFFFFFFF for i in range(16)]
    return struct.pack("<8I", *(rounds[0:4] + rounds[12:16]))


for m_kib, t in [(64, 1), (19456, 2)]:
    key = Argon2id(salt=SALT, length=32, iterations=t, lanes=1, memory_cost=m_kib).derive(CODE.encode())
    subkey = hchacha20(key, NONCE[:16])
    ciphertext = ChaCha20Poly1305(subkey).encrypt(b"\0\0\0\0" + NONCE[16:], PLAINTEXT, SEALED_SCHEMA)
    print(f"m_kib={m_kib} t={t}")
    print("  key       ", key.hex())
    print("  ciphertext", base64.b64encode(ciphertext).decode())
