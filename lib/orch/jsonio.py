"""JSON in and out for step documents: orjson when installed, json otherwise."""

try:  # optional speed-up, never required
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None


def loads(data: bytes | str):
    if _orjson is not None:
        return _orjson.loads(data)
    import json
    return json.loads(data)


def dumps(value, *, pretty: bool = False) -> bytes:
    """Serialize to UTF-8 bytes; keys keep their insertion order."""
    if _orjson is not None:
        return _orjson.dumps(value, option=_orjson.OPT_INDENT_2 if pretty else 0)
    import json
    text = json.dumps(value, indent=2 if pretty else None, ensure_ascii=False,
                      separators=None if pretty else (",", ":"))
    return text.encode()
