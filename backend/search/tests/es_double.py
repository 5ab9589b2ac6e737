"""A local HTTP double of Elasticsearch 8 for the search backend's tests.

It answers in Elasticsearch's documented wire format (with the `X-Elastic-Product` header the
official client checks) and keeps every request for assertions. It stores the documents it is
sent through `_bulk` and evaluates the subset of the query DSL the backend uses — bool, dis_max,
constant_score (with `_name`), term/terms/prefix, range (numbers, dates, and `date_range` fields
with relation `contains`), exists, match with fuzziness, function_score (score_mode and
boost_mode `sum`) — plus post_filter, from/size, sort and the filter/terms/filters/range
aggregations. So search answers are computed by the double from the documents, not copied
from PostgreSQL's results: the comparison between backends means something. What it does not
exercise: Elasticsearch's own analysis chain (the documents arrive pre-segmented and are split
on whitespace here, as the `whitespace` analyzer does) and its BM25 scoring (unused: every
scoring clause is a `constant_score`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from werkzeug import Request, Response

HEADERS = {"X-Elastic-Product": "Elasticsearch", "Content-Type": "application/json"}
TEXT_FIELDS = {"terms_a", "terms_b", "terms_c", "terms_d", "spelling"}


def _values(doc: dict[str, Any], field: str) -> list[Any]:
    value = doc.get(field)
    if value is None:
        return []
    if field in TEXT_FIELDS:
        return str(value).split()
    return value if isinstance(value, list) else [value]


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _edits(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (Elasticsearch's fuzzy_transpositions)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def _auto_fuzziness(term: str) -> int:
    return 0 if len(term) <= 2 else 1 if len(term) <= 5 else 2


class Evaluation:
    def __init__(self) -> None:
        self.names: set[str] = set()

    def run(self, query: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        ((kind, body),) = query.items()
        return getattr(self, f"q_{kind}")(body, doc)

    def q_match_all(self, body: Any, doc: dict[str, Any]) -> tuple[bool, float]:
        return True, 1.0

    def q_term(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        ((field, value),) = body.items()
        value = value["value"] if isinstance(value, dict) else value
        return value in _values(doc, field), 1.0

    def q_terms(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        ((field, wanted),) = body.items()
        return bool(set(_values(doc, field)) & set(wanted)), 1.0

    def q_prefix(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        ((field, value),) = body.items()
        return any(str(v).startswith(value) for v in _values(doc, field)), 1.0

    def q_exists(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        return bool(_values(doc, body["field"])), 1.0

    def q_range(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        ((field, bounds),) = body.items()
        values = _values(doc, field)
        if bounds.get("relation") == "contains":  # a date_range field containing [gte, lte]
            low, high = _comparable(bounds["gte"]), _comparable(bounds["lte"])
            return any(
                _comparable(r["gte"]) <= low and high < _comparable(r["lt"]) for r in values
            ), 1.0
        for value in map(_comparable, values):
            if "gte" in bounds and not value >= _comparable(bounds["gte"]):
                continue
            if "lte" in bounds and not value <= _comparable(bounds["lte"]):
                continue
            if "lt" in bounds and not value < _comparable(bounds["lt"]):
                continue
            return True, 1.0
        return False, 0.0

    def q_match(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        ((field, spec),) = body.items()
        words = str(spec["query"]).split()
        tokens = _values(doc, field)
        return any(
            _edits(word, token) <= _auto_fuzziness(word) for word in words for token in tokens
        ), 1.0

    def q_constant_score(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        matched, _score = self.run(body["filter"], doc)
        if matched and "_name" in body:
            self.names.add(body["_name"])
        return matched, float(body.get("boost", 1.0)) if matched else 0.0

    def q_dis_max(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        scores = [s for ok, s in (self.run(q, doc) for q in body["queries"]) if ok]
        return bool(scores), max(scores, default=0.0)

    def q_bool(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        def listed(key: str) -> list[dict[str, Any]]:
            value = body.get(key, [])
            return value if isinstance(value, list) else [value]

        score = 0.0
        for clause in listed("must"):
            ok, s = self.run(clause, doc)
            if not ok:
                return False, 0.0
            score += s
        if not all(self.run(clause, doc)[0] for clause in listed("filter")):
            return False, 0.0
        if any(self.run(clause, doc)[0] for clause in listed("must_not")):
            return False, 0.0
        should = [self.run(clause, doc) for clause in listed("should")]
        required = body.get("minimum_should_match", 0 if listed("must") or listed("filter") else 1)
        if should and sum(ok for ok, _s in should) < int(required):
            return False, 0.0
        return True, score + sum(s for ok, s in should if ok)

    def q_function_score(self, body: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        ok, score = self.run(body["query"], doc)
        if not ok:
            return False, 0.0
        weights = [
            float(f.get("weight", 1.0)) for f in body["functions"] if self.run(f["filter"], doc)[0]
        ]
        return True, score + (sum(weights) if weights else 1.0)


class ElasticsearchDouble:
    def __init__(self) -> None:
        self.indices: dict[str, dict[str, Any]] = {}
        self.docs: dict[str, dict[str, dict[str, Any]]] = {}
        self.requests: list[tuple[str, str, Any]] = []

    def handle(self, request: Request) -> Response:
        raw = request.get_data(as_text=True)
        path = request.path.strip("/")
        self.requests.append((request.method, path, raw))
        parts = path.split("/")
        if request.method == "HEAD":
            return self._reply(
                {} if parts[0] in self.indices else None, 200 if parts[0] in self.indices else 404
            )
        if parts[-1] == "_bulk":
            return self._bulk(raw)
        if len(parts) == 1 and request.method == "PUT":
            self.indices[parts[0]] = json.loads(raw or "{}")
            self.docs.setdefault(parts[0], {})
            return self._reply(
                {"acknowledged": True, "shards_acknowledged": True, "index": parts[0]}
            )
        if len(parts) == 1 and request.method == "DELETE":
            self.indices.pop(parts[0], None)
            self.docs.pop(parts[0], None)
            return self._reply({"acknowledged": True})
        if parts[-1] == "_delete_by_query":
            query = json.loads(raw)["query"]
            docs = self.docs.setdefault(parts[0], {})
            gone = [i for i, d in docs.items() if Evaluation().run(query, d)[0]]
            for doc_id in gone:
                del docs[doc_id]
            return self._reply({"took": 1, "deleted": len(gone), "failures": []})
        if parts[-1] == "_search":
            return self._reply(self.search(parts[0], json.loads(raw or "{}")))
        return self._reply({"error": {"type": "unsupported", "reason": path}, "status": 400}, 400)

    def _reply(self, body: Any, status: int = 200) -> Response:
        return Response("" if body is None else json.dumps(body), status=status, headers=HEADERS)

    def _bulk(self, raw: str) -> Response:
        lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
        items = []
        for action, source in zip(lines[::2], lines[1::2], strict=True):
            meta = action["index"]
            self.docs.setdefault(meta["_index"], {})[meta["_id"]] = source
            items.append({"index": {"_index": meta["_index"], "_id": meta["_id"], "status": 201}})
        return self._reply({"took": 1, "errors": False, "items": items})

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        matched = []
        for doc in self.docs.get(index, {}).values():
            evaluation = Evaluation()
            ok, score = evaluation.run(body.get("query", {"match_all": {}}), doc)
            if ok:
                matched.append((doc, score, sorted(evaluation.names)))
        shown = [
            m
            for m in matched
            if "post_filter" not in body or Evaluation().run(body["post_filter"], m[0])[0]
        ]
        for spec in reversed(body.get("sort", [])):
            ((field, order),) = spec.items()
            order = order["order"] if isinstance(order, dict) else order
            if field == "_score":
                shown.sort(key=lambda m: m[1], reverse=order == "desc")
            else:
                present = [m for m in shown if m[0].get(field) is not None]
                missing = [m for m in shown if m[0].get(field) is None]
                present.sort(key=lambda m: _comparable(m[0][field]), reverse=order == "desc")
                shown = present + missing
        start, size = body.get("from", 0), body.get("size", 10)
        includes = body.get("_source")
        hits = [
            {
                "_index": index,
                "_id": f"{doc['product_id']}",
                "_score": score,
                "_source": {k: v for k, v in doc.items() if includes is None or k in includes},
                **({"matched_queries": names} if names else {}),
            }
            for doc, score, names in shown[start : start + size]
        ]
        response: dict[str, Any] = {
            "took": 1,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {
                "total": {"value": len(shown), "relation": "eq"},
                "max_score": max((s for _d, s, _n in shown), default=None),
                "hits": hits,
            },
        }
        if "aggs" in body:
            response["aggregations"] = {
                name: self._aggregate(spec, [m[0] for m in matched])
                for name, spec in body["aggs"].items()
            }
        return response

    def _aggregate(self, spec: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
        if "filter" in spec:
            inside = [d for d in docs if Evaluation().run(spec["filter"], d)[0]]
            result: dict[str, Any] = {"doc_count": len(inside)}
            for name, sub in spec.get("aggs", {}).items():
                result[name] = self._aggregate(sub, inside)
            return result
        if "terms" in spec:
            counts: dict[Any, int] = {}
            for doc in docs:
                for value in set(_values(doc, spec["terms"]["field"])):
                    counts[value] = counts.get(value, 0) + 1
            ordered = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
            return {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [
                    {"key": k, "doc_count": c} for k, c in ordered[: spec["terms"]["size"]]
                ],
            }
        if "filters" in spec:
            return {
                "buckets": {
                    key: {"doc_count": sum(Evaluation().run(q, d)[0] for d in docs)}
                    for key, q in spec["filters"]["filters"].items()
                }
            }
        ranges = spec["range"]
        buckets = {}
        for r in ranges["ranges"]:
            count = sum(
                1
                for d in docs
                if d.get(ranges["field"]) is not None
                and ("from" not in r or d[ranges["field"]] >= r["from"])
                and ("to" not in r or d[ranges["field"]] < r["to"])
            )
            buckets[r["key"]] = {"doc_count": count}
        return {"buckets": buckets}
