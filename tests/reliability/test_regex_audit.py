"""Every compiled regex in newsclean must run in linear time, even on adversarial input.

What is audited:

- every module-level ``re.Pattern`` of every ``newsclean`` module (walked with pkgutil);
- every phrase-pack pattern: ``phrases.matcher(family, key, mode)`` for each family/key of
  each pack (``available_languages()`` / ``load_pack``) and each mode (line, prefix,
  glued_prefix, contains), built over all packs as the default pipeline does. Patterns for one
  language are the same structure over a subset of the literals.

How: each pattern is parsed (``re._parser``) and adversarial inputs are built from its
structure: a run of each character class it uses; for each quantifier, the shortest text that
reaches it followed by a long run of each character class the quantifier accepts and a
character that breaks the match (how ``"By " + "A" * n + "!"`` is found); repeated prefixes of
its literals without their last character; generic runs of spaces, digits, letters and
punctuation. ``.search()`` and ``.match()`` are timed on each input at sizes doubling from 19
to 40,000 characters (min of 3 runs, GC off). The verdict is a growth *ratio*, never an
absolute time: doubling n must not more than triple the time (linear ~2x, quadratic ~4x). A
time below :data:`NOISE_FLOOR` is not compared: no superlinear process on 40k characters is
that fast. A suspicious ratio is measured again before it counts.

A pattern that is only ever used anchored in the source (``.match`` / ``.fullmatch``, found by
scanning ``src/newsclean``) must be linear under ``.match``; its ``.search`` growth is recorded
but not enforced, since no code path scans with it.

Known non-linear patterns are listed in :data:`KNOWN_NONLINEAR` as strict xfails: fix the
pattern, and the audit's XPASS tells you to delete the entry.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest

import newsclean
from newsclean import phrases

SRC = Path(newsclean.__file__).resolve().parent

#: Sizes of the adversarial run, doubling up to 40,000 characters.
LADDER: tuple[int, ...] = tuple(40_000 >> k for k in range(11, -1, -1))
#: Doubling the input may at most multiply the time by this much (linear is ~2).
MAX_GROWTH = 3.0
#: Times below this (seconds) are timer noise for a ratio: not compared.
NOISE_FLOOR = 0.003
#: Growth is averaged over this many doublings (see :func:`measure`).
SPAN = 3
#: Stop climbing the ladder once one call takes this long (the ratio decides).
CLIMB_CAP = 1.5
#: A suspicious ratio is measured again this many times before it counts.
CONFIRMATIONS = 2
#: Representatives per character class (distinct behaviour only).
MAX_REPS_PER_CLASS = 6
#: Literals of a phrase list that get their own adversarial input (longest and shortest).
MAX_SINGLE_LITERALS = 3
#: Characters tried as members of each class; one per distinct behaviour is kept.
ALPHABET = (
    "aA1_ \t\n\r\u00a0\u2028\u200b\x00.,:;!?-–—|/\\()[]{}<>'\"#@&*+=~…»«·•©%$"
    "zZéÉßİ中한ア٣"
)
BREAKER = "\x01"
GENERIC_RUNS: tuple[tuple[str, str, str], ...] = (
    ("", " ", BREAKER),
    ("", "a", "!"),
    ("", "A", "!"),
    ("", "1", BREAKER),
    ("", ".", BREAKER),
    ("", "!", BREAKER),
    ("", "a ", "!"),
    ("", "a.", "!"),
    ("", "A.", "!"),
    ("", ". ", BREAKER),
    ("", "a:", BREAKER),
    ("", " |", BREAKER),
    ("", "1:", BREAKER),
    ("", "\u00a0", BREAKER),
)

#: Patterns known to be non-linear: label -> why. Each is a strict xfail until fixed.
KNOWN_NONLINEAR: dict[str, str] = {}


# --- collecting the patterns ----------------------------------------------------------------------


@dataclass(frozen=True)
class Audited:
    label: str
    pattern: re.Pattern[str] | re.Pattern[bytes]
    #: Methods the source calls on it; None means "unknown: assume scanning".
    used_with: frozenset[str] | None = None

    @property
    def anchored_use_only(self) -> bool:
        return self.used_with is not None and self.used_with <= {"match", "fullmatch"}


def _package_modules() -> list[str]:
    names = ["newsclean"]
    names += [m.name for m in pkgutil.walk_packages(newsclean.__path__, "newsclean.")]
    return sorted(set(names))


def _import(name: str) -> object | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as e:  # an optional dependency (ray, datatrove...) is missing
        if e.name and not e.name.startswith("newsclean"):
            return None
        raise


_USE = re.compile(r"\b([A-Za-z_]\w*)\.(search|match|fullmatch|sub|subn|findall|finditer|split)\(")


def _usages() -> dict[str, set[str]]:
    """Pattern attribute name -> regex methods called on that name anywhere in the package."""
    out: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for name, method in _USE.findall(path.read_text("utf-8")):
            out.setdefault(name, set()).add(method)
    return out


def module_patterns() -> list[Audited]:
    """Module-level compiled patterns, each once, labelled ``module.NAME`` where defined."""
    uses = _usages()
    found: dict[int, Audited] = {}
    for mod_name in _package_modules():
        mod = _import(mod_name)
        if mod is None:
            continue
        for attr, value in sorted(vars(mod).items()):
            if not isinstance(value, re.Pattern):
                continue
            label = f"{mod_name}.{attr}"
            used = uses.get(attr)
            prior = found.get(id(value))
            # Label a shared pattern after the module that compiles it, not one importing it.
            defining = getattr(mod, "__file__", None) and re.search(
                rf"^{re.escape(attr)}\s*(?::[^=]*)?=\s*re\.compile",
                Path(mod.__file__).read_text("utf-8"),  # type: ignore[arg-type]
                re.MULTILINE,
            )
            if prior is None or defining:
                found[id(value)] = Audited(
                    label, value, frozenset(used) if used is not None else None
                )
    return sorted(found.values(), key=lambda a: a.label)


def phrase_patterns() -> list[Audited]:
    """``matcher(family, key, mode)`` for every family/key of every pack and every mode."""
    keys: set[tuple[str, str]] = set()
    for lang in phrases.available_languages():
        for family, lists in phrases.load_pack(lang).items():
            keys.update((family, key) for key in lists)
    out: list[Audited] = []
    seen: set[tuple[str, int]] = set()
    for family, key in sorted(keys):
        for mode in phrases.MODES:
            pat = phrases.matcher(family, key, mode)
            if pat is None or (pat.pattern, pat.flags) in seen:
                continue
            seen.add((pat.pattern, pat.flags))
            out.append(Audited(f"phrases[{family}.{key}:{mode}]", pat, None))
    return out


# --- the structure of a pattern ---------------------------------------------------------------------

_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)}
_CHAR_OPS = {sre_c.LITERAL, sre_c.NOT_LITERAL, sre_c.IN, sre_c.ANY}


def _category(cat: object, ch: str, ascii_only: bool) -> bool:
    if ascii_only and not ch.isascii():
        word = digit = space = False
    else:
        word = ch.isalnum() or ch == "_"
        digit = ch.isdecimal()
        space = ch.isspace()
    if ascii_only and ch.isascii():
        word = ch.isalnum() or ch == "_"
        digit = ch in "0123456789"
        space = ch in " \t\n\r\f\v"
    table = {
        sre_c.CATEGORY_DIGIT: digit,
        sre_c.CATEGORY_NOT_DIGIT: not digit,
        sre_c.CATEGORY_SPACE: space,
        sre_c.CATEGORY_NOT_SPACE: not space,
        sre_c.CATEGORY_WORD: word,
        sre_c.CATEGORY_NOT_WORD: not word,
        sre_c.CATEGORY_LINEBREAK: ch == "\n",
        sre_c.CATEGORY_NOT_LINEBREAK: ch != "\n",
    }
    return table.get(cat, False)


_CATEGORY_SAMPLE = {
    sre_c.CATEGORY_DIGIT: "1",
    sre_c.CATEGORY_NOT_DIGIT: "a",
    sre_c.CATEGORY_SPACE: " ",
    sre_c.CATEGORY_NOT_SPACE: "a",
    sre_c.CATEGORY_WORD: "a",
    sre_c.CATEGORY_NOT_WORD: "!",
}


class Shape:
    """What the audit needs to know about one parsed pattern."""

    def __init__(self, pattern: re.Pattern[str] | re.Pattern[bytes]) -> None:
        self.is_bytes = isinstance(pattern.pattern, bytes)
        source = pattern.pattern.decode("latin-1") if self.is_bytes else pattern.pattern
        tree = sre_parse.parse(source, pattern.flags & ~re.UNICODE if self.is_bytes else pattern.flags)
        self.flags = tree.state.flags
        self.char_nodes: list[tuple[object, object]] = []
        #: (text reaching the quantifier, its body)
        self.targets: list[tuple[str, sre_parse.SubPattern]] = []
        self.literals: set[str] = set()
        self._walk(tree, "")

    # -- character classes --
    def accepts(self, op: object, av: object, ch: str) -> bool:
        variants = {ch}
        if self.flags & re.IGNORECASE:  # "ß".upper() is "SS": keep single characters
            variants |= {v for v in (ch.lower(), ch.upper()) if len(v) == 1}
        ascii_only = self.is_bytes or bool(self.flags & re.ASCII)
        if op == sre_c.LITERAL:
            return chr(av) in variants  # type: ignore[call-overload]
        if op == sre_c.NOT_LITERAL:
            return chr(av) not in variants  # type: ignore[call-overload]
        if op == sre_c.ANY:
            return ch != "\n" or bool(self.flags & re.DOTALL)
        if op == sre_c.IN:
            items = list(av)  # type: ignore[call-overload]
            negate = bool(items) and items[0][0] == sre_c.NEGATE
            hit = False
            for iop, iav in items[1:] if negate else items:
                for v in variants:
                    if (
                        (iop == sre_c.LITERAL and v == chr(iav))
                        or (iop == sre_c.RANGE and iav[0] <= ord(v) <= iav[1])
                        or (iop == sre_c.CATEGORY and _category(iav, v, ascii_only))
                    ):
                        hit = True
            return hit != negate
        return False

    def own_chars(self, op: object, av: object) -> list[str]:
        """Characters a class names itself (its literals and range ends), then the alphabet."""
        own: list[str] = []
        if op in (sre_c.LITERAL, sre_c.NOT_LITERAL):
            own.append(chr(av))  # type: ignore[call-overload]
        elif op == sre_c.IN:
            for iop, iav in av:  # type: ignore[attr-defined]
                if iop == sre_c.LITERAL:
                    own.append(chr(iav))
                elif iop == sre_c.RANGE:
                    own += [chr(iav[0]), chr(iav[1])]
                elif iop == sre_c.CATEGORY:
                    own.append(_CATEGORY_SAMPLE.get(iav, ""))
        return [c for c in own if c] + list(ALPHABET)

    def member(self, op: object, av: object) -> str:
        """One character the class accepts (its own first, for a readable witness)."""
        if op == sre_c.LITERAL:
            return chr(av)  # type: ignore[call-overload]
        return next((c for c in self.own_chars(op, av) if self.accepts(op, av, c)), "a")

    def reps(self, op: object, av: object) -> list[str]:
        """Characters the class accepts, one per distinct behaviour in the whole pattern."""
        out: list[str] = []
        seen: set[tuple[bool, ...]] = set()
        for ch in dict.fromkeys(self.own_chars(op, av)):
            if not self.accepts(op, av, ch):
                continue
            sig = tuple(self.accepts(o, a, ch) for o, a in self.char_nodes)
            if sig not in seen:
                seen.add(sig)
                out.append(ch)
            if len(out) >= MAX_REPS_PER_CLASS:
                break
        return out

    # -- shortest texts --
    def witness(self, seq: Iterable[tuple[object, object]]) -> str:
        out: list[str] = []
        for op, av in seq:
            if op in _CHAR_OPS:
                out.append(self.member(op, av))
            elif op in _REPEATS:
                lo, _hi, sub = av  # type: ignore[misc]
                out.append(self.witness(sub) * min(int(lo), 64))
            elif op == sre_c.SUBPATTERN:
                out.append(self.witness(av[-1]))  # type: ignore[index]
            elif op == getattr(sre_c, "ATOMIC_GROUP", None):
                out.append(self.witness(av))  # type: ignore[arg-type]
            elif op == sre_c.BRANCH:
                out.append(self.witness(av[1][0]))  # type: ignore[index]
            # AT, ASSERT, ASSERT_NOT, GROUPREF...: consume nothing
        return "".join(out)

    def _walk(self, seq: Sequence[tuple[object, object]], before: str) -> None:
        items = list(seq)
        run: list[str] = []
        for i, (op, av) in enumerate(items):
            if op == sre_c.LITERAL:
                run.append(chr(av))  # type: ignore[call-overload]
                self.char_nodes.append((op, av))
                continue
            if len(run) >= 2:
                self.literals.add("".join(run))
            run = []
            prefix = before + self.witness(items[:i])
            if op in _CHAR_OPS:
                self.char_nodes.append((op, av))
            elif op in _REPEATS:
                lo, hi, sub = av  # type: ignore[misc]
                if hi == sre_c.MAXREPEAT or int(hi) > 1:
                    self.targets.append((prefix, sub))
                self._walk(sub, prefix)
            elif op == sre_c.SUBPATTERN:
                self._walk(av[-1], prefix)  # type: ignore[index]
            elif op == getattr(sre_c, "ATOMIC_GROUP", None):
                self._walk(av, prefix)  # type: ignore[arg-type]
            elif op == sre_c.BRANCH:
                for alt in av[1]:  # type: ignore[index]
                    self._walk(alt, prefix)
            elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
                self._walk(av[1], prefix)  # type: ignore[index]
            elif op == sre_c.GROUPREF_EXISTS:
                for branch in av[1:]:  # type: ignore[index]
                    if branch is not None:
                        self._walk(branch, prefix)
        if len(run) >= 2:
            self.literals.add("".join(run))


@dataclass(frozen=True)
class Adversary:
    """``head + unit * k + tail`` with ``len(unit) * k`` close to n."""

    why: str
    head: str
    unit: str
    tail: str

    def build(self, n: int) -> str:
        return self.head + self.unit * max(1, n // len(self.unit)) + self.tail


def adversaries(pattern: re.Pattern[str] | re.Pattern[bytes]) -> list[Adversary]:
    shape = Shape(pattern)
    out: dict[tuple[str, str, str], Adversary] = {}

    def add(why: str, head: str, unit: str, tail: str) -> None:
        if unit:
            out.setdefault((head, unit, tail), Adversary(why, head, unit, tail))

    # A run of each character class the pattern uses.
    for op, av in shape.char_nodes:
        if op != sre_c.LITERAL:
            for ch in shape.reps(op, av):
                add(f"run of {ch!r}", "", ch, BREAKER)
    # Each quantifier: reach it, then a long run it accepts, then a breaking character.
    for prefix, body in shape.targets:
        body_items = list(body)
        units = {shape.witness(body_items)}
        first = next(((o, a) for o, a in body_items if o in _CHAR_OPS), None)
        if first is not None:
            units.update(shape.reps(*first))
        for unit in sorted(u for u in units if u):
            add(f"{prefix!r} + {unit!r}*n", prefix, unit, BREAKER)
    # Repeated prefixes of the literals, without their last character.
    lits = sorted(shape.literals, key=lambda s: (-len(s), s))
    singles = lits if len(lits) <= 2 * MAX_SINGLE_LITERALS else (
        lits[:MAX_SINGLE_LITERALS] + lits[-MAX_SINGLE_LITERALS:]
    )
    for lit in singles:
        add(f"{lit[:-1]!r}*n", "", lit[:-1], BREAKER)
        add(f"{lit[:-1] + ' '!r}*n", "", lit[:-1] + " ", BREAKER)
    if len(lits) > 2:
        step = max(1, len(lits) // 100)
        add("all literal prefixes", "", " ".join(x[:-1] for x in lits[::step]) + " ", BREAKER)
    for head, unit, tail in GENERIC_RUNS:
        add(f"{unit!r}*n+{tail!r}", head, unit, tail)
    return list(out.values())


# --- timing -------------------------------------------------------------------------------------------


def _best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


@dataclass
class Growth:
    why: str
    method: str
    n: int = 0
    #: Time growth per doubling of n, averaged over the last :data:`SPAN` doublings.
    ratio: float = 0.0
    seconds: float = 0.0
    nonlinear: bool = False


def measure(
    pattern: re.Pattern[str] | re.Pattern[bytes], adv: Adversary, method: str, repeat: int = 3
) -> Growth:
    """Climb the ladder; stop at the first confirmed superlinear growth.

    The growth per doubling is averaged over :data:`SPAN` doublings (n/8 -> n), which cancels
    the one-off step a linear scan shows when its input outgrows a CPU cache (up to ~2x once),
    while a quadratic still shows ~4x per doubling. Fewer doublings are used at the bottom of
    the ladder, so an exponential pattern is condemned after milliseconds, not minutes.
    """
    fn = getattr(pattern, method)
    is_bytes = isinstance(pattern.pattern, bytes)

    def timed(n: int, rep: int) -> float:
        s = adv.build(n)
        data = s.encode("utf-8", "surrogatepass") if is_bytes else s
        return _best_of(lambda: fn(data), rep)

    g = Growth(adv.why, method)
    sizes = list(LADDER)
    times: dict[int, float] = {}
    strikes = 0  # superlinear doublings in a row; two condemn (noise rarely strikes twice)
    enabled = gc.isenabled()
    gc.disable()
    try:
        i = 0
        while i < len(sizes):
            n = sizes[i]
            times[n] = t = timed(n, repeat)
            g.n, g.seconds = n, t
            span = min(i, SPAN)  # catastrophic patterns are judged early, at small n
            if span and t >= NOISE_FLOOR:
                base_n = sizes[i - span]
                ratio = (t / max(times[base_n], 1e-9)) ** (1 / span)
                for _ in range(CONFIRMATIONS):
                    if ratio <= MAX_GROWTH:
                        break
                    times[base_n] = min(times[base_n], timed(base_n, repeat))
                    times[n] = t = min(t, timed(n, repeat))
                    ratio = (t / max(times[base_n], 1e-9)) ** (1 / span)
                g.ratio, g.seconds = ratio, t
                strikes = strikes + 1 if ratio > MAX_GROWTH else 0
                if strikes >= 2 or (strikes and t > CLIMB_CAP):
                    g.nonlinear = True
                    return g
                if strikes and i == len(sizes) - 1:
                    sizes.append(2 * n)  # one more doubling to confirm or clear it
            if t > CLIMB_CAP:
                return g
            i += 1
        return g
    finally:
        if enabled:
            gc.enable()


@dataclass
class Verdict:
    audited: Audited
    inputs: int = 0
    failures: list[Growth] = field(default_factory=list)
    tolerated: list[Growth] = field(default_factory=list)


def audit(a: Audited) -> Verdict:
    v = Verdict(a)
    for adv in adversaries(a.pattern):
        v.inputs += 1
        for method in ("match", "search"):
            if method == "search" and a.anchored_use_only and v.tolerated:
                continue  # one recorded example is enough for a growth nobody exercises
            g = measure(a.pattern, adv, method)
            if not g.nonlinear:
                continue
            if method == "search" and a.anchored_use_only:
                v.tolerated.append(g)
            else:
                v.failures.append(g)
                break  # one method is enough to condemn this input
    return v


def _describe(gs: Iterable[Growth]) -> str:
    return "\n".join(
        f"  .{g.method}() on {g.why}: x{g.ratio:.1f} per doubling of n, up to n={g.n} "
        f"({g.seconds:.3f}s)"
        for g in gs
    )


# --- the tests -----------------------------------------------------------------------------------------

MODULE_PATTERNS = module_patterns()
PHRASE_PATTERNS = phrase_patterns()
ALL_PATTERNS = MODULE_PATTERNS + PHRASE_PATTERNS


def _param(a: Audited) -> object:
    marks = []
    if a.label in KNOWN_NONLINEAR:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_NONLINEAR[a.label]))
    return pytest.param(a, id=a.label, marks=marks)


def test_collection_finds_every_pattern() -> None:
    """The walk sees patterns of every layer, and every phrase family and mode."""
    labels = {a.label for a in MODULE_PATTERNS}
    for expected in (
        "newsclean.segment._LINE_RE",
        "newsclean.shape.WORD_RE",
        "newsclean.html.decode._DECLARED",
        "newsclean.detectors.credits._NAME_RE",
    ):
        assert expected in labels, sorted(labels)
    assert len(MODULE_PATTERNS) >= 20
    families = {a.label.split("[")[1].split(".")[0] for a in PHRASE_PATTERNS}
    for lang in phrases.available_languages():
        assert set(phrases.load_pack(lang)) <= families | {"meta"}
    modes = {a.label.rsplit(":", 1)[1].rstrip("]") for a in PHRASE_PATTERNS}
    assert modes == set(phrases.MODES)


def test_audit_flags_a_quadratic_and_passes_a_linear_pattern() -> None:
    """The measuring stick works: the classic quadratics fail, a plain class run passes."""
    quadratic = Audited("quadratic", re.compile(r"\s+x"))  # backtracks at every start
    catastrophic = Audited("catastrophic", re.compile(r"^(?:[A-Z]\w*){1,4}$"))
    linear = Audited("linear", re.compile(r"[^\W\d_]+"))
    assert audit(quadratic).failures
    assert audit(catastrophic).failures
    assert not audit(linear).failures


@pytest.mark.timeout(300)
@pytest.mark.parametrize("audited", [_param(a) for a in MODULE_PATTERNS])
def test_module_pattern_is_linear(audited: Audited) -> None:
    v = audit(audited)
    assert v.inputs >= 5
    assert not v.failures, (
        f"{audited.label} /{audited.pattern.pattern!r}/ grows superlinearly:\n"
        + _describe(v.failures)
    )


@pytest.mark.timeout(300)
@pytest.mark.parametrize("audited", [_param(a) for a in PHRASE_PATTERNS])
def test_phrase_pattern_is_linear(audited: Audited) -> None:
    v = audit(audited)
    assert v.inputs >= 5
    assert not v.failures, f"{audited.label} grows superlinearly:\n" + _describe(v.failures)
