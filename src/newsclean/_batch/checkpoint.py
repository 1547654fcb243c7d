"""``OUT.checkpoint.json``: how far a run got, and for which input, config and options.

The checkpoint is written atomically (write, fsync, rename) after the output it describes is
durable, so after any interruption it never claims more than the output holds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson

from .._pipeline import Pipeline
from .options import BatchError, BatchOptions
from .tally import Tally

__all__ = ["CHECKPOINT_VERSION", "Checkpoint", "checkpoint_path", "identity"]

CHECKPOINT_VERSION = 1


def checkpoint_path(output: str) -> str:
    return output + ".checkpoint.json"


def write_json_atomic(path: str, data: Mapping[str, Any]) -> None:
    tmp = path + ".new"
    with open(tmp, "wb") as fh:
        fh.write(orjson.dumps(data, option=orjson.OPT_INDENT_2))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def identity(input_path: str, pipeline: Pipeline, options: BatchOptions) -> dict[str, Any]:
    """What a checkpoint belongs to: the input file as it was, the config and the options."""
    if input_path == "-":
        return {"input": "-"}
    st = os.stat(input_path)
    ident = {
        "input": os.path.abspath(input_path),
        "input_size": st.st_size,
        "input_mtime_ns": st.st_mtime_ns,
        "config": pipeline.config.fingerprint(),
        "options": {k: v for k, v in asdict(options).items() if k != "doc_timeout"},
    }
    result: dict[str, Any] = json.loads(json.dumps(ident))  # as it reads back from the file
    return result


@dataclass
class Checkpoint:
    """The progress of a run: records and input lines done, the sink's state, the tally."""

    path: str
    identity: dict[str, Any]
    records: int = 0
    lines: int = 0
    input_offset: int = 0
    sink: dict[str, Any] = field(default_factory=dict)
    tally: Tally = field(default_factory=Tally)
    elapsed_s: float = 0.0
    finished: bool = False
    resumed_from: int = 0
    #: Read from a file (so the output is to be truncated to ``sink``, not started afresh).
    loaded: bool = False

    @classmethod
    def load(cls, path: str, ident: dict[str, Any], *, resume: bool, fresh: bool) -> Checkpoint:
        """The checkpoint to continue from (``resume``), or a new one; refuses a stale one."""
        if not os.path.exists(path):
            return cls(path, ident)
        if fresh:
            os.unlink(path)
            return cls(path, ident)
        if not resume:
            raise BatchError(
                f"{path} shows an interrupted run: pass --resume to continue it "
                "or --fresh to start over"
            )
        with open(path, "rb") as fh:
            state = json.loads(fh.read())
        if state.get("version") != CHECKPOINT_VERSION or state.get("identity") != ident:
            raise BatchError(
                f"{path} was made for another input, config or options; use --fresh to start over"
            )
        records = int(state["records"])
        return cls(
            path,
            ident,
            records=records,
            lines=int(state.get("lines", 0)),
            input_offset=int(state.get("input_offset", 0)),
            sink=dict(state["sink"]),
            tally=Tally.from_dict(state["tally"]),
            elapsed_s=float(state.get("elapsed_s", 0.0)),
            finished=bool(state.get("finished")),
            resumed_from=records,
            loaded=True,
        )

    def save(
        self, sink_state: Mapping[str, Any], elapsed: float, *, finished: bool = False
    ) -> None:
        self.sink = dict(sink_state)
        write_json_atomic(
            self.path,
            {
                "version": CHECKPOINT_VERSION,
                "identity": self.identity,
                "records": self.records,
                "lines": self.lines,
                "input_offset": self.input_offset,
                "sink": self.sink,
                "tally": self.tally.to_dict(),
                "elapsed_s": elapsed,
                "finished": finished,
            },
        )

    def remove(self) -> None:
        if os.path.exists(self.path):
            os.unlink(self.path)
