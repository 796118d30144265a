"""A DataFrame's content as a short key: columns, types and every value."""

from __future__ import annotations

import hashlib
import json
import pickle

import pandas as pd


def frame_digest(frame: pd.DataFrame) -> str:
    """A digest of the frame's columns, types, index and values (pandas' own row hashes;
    cells pandas cannot hash, such as lists, are pickled instead)."""
    head = json.dumps([list(map(str, frame.columns)), list(map(str, frame.dtypes))])
    try:
        values = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
    except TypeError:
        values = pickle.dumps(frame, protocol=5)
    return hashlib.blake2b(head.encode() + values, digest_size=16).hexdigest()
