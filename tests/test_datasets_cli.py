"""``ceasefire-terms import``, ``export`` and ``link``, run in-process: counts, exit codes,
atomic outputs, and the imported JSON Lines as input to validate, timeline and the frames."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ceasefire_terms.cli.app import app
from ceasefire_terms.datasets import PAX_COLUMNS, read_table, write_table

DATA = Path(__file__).parent / "data" / "datasets"
SAMPLES = {
    "ucdp": DATA / "ucdp_pad_221_sample.csv",
    "pax": DATA / "pax_sample.csv",
    "ethprio": DATA / "ethprio_cfd_sample.csv",
}
AGREEMENTS = sorted(
    (Path(__file__).parent.parent / "ceasefire_terms/data/agreements").glob("*.yaml")
)
runner = CliRunner()


def _import(name: str, src: Path, tmp: Path, *extra: str) -> tuple[int, dict[str, int], Path]:
    out = tmp / f"{name}.jsonl"
    res = runner.invoke(
        app, ["import", name, str(src), "--out", str(out), "--format", "json", *extra]
    )
    return res.exit_code, json.loads(res.stdout), out


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_import_summary_counts_and_exit_0(name: str, tmp_path: Path) -> None:
    code, summary, out = _import(name, SAMPLES[name], tmp_path)
    assert code == 0
    n = {"ucdp": 15, "pax": 20, "ethprio": 20}[name]
    assert summary == {
        "source": str(SAMPLES[name]),
        "read": n,
        "imported": n,
        "rejected": 0,
        "agreements": n,
    }
    assert len(out.read_text(encoding="utf-8").splitlines()) == n


def test_rejected_rows_exit_1_and_go_to_rejects_out(tmp_path: Path) -> None:
    rejects = tmp_path / "r.jsonl"
    code, summary, _ = _import(
        "ethprio", DATA / "ethprio_quirks.csv", tmp_path, "--rejects-out", str(rejects)
    )
    assert code == 1
    assert (summary["read"], summary["imported"], summary["rejected"]) == (4, 2, 2)
    assert summary["read"] == summary["imported"] + summary["rejected"]
    lines = [json.loads(x) for x in rejects.read_text(encoding="utf-8").splitlines()]
    assert [(x["row"], x["line"], x["column"]) for x in lines] == [
        (3, 4, "cf_effect_month"),
        (4, 5, "cf_effect_month"),
    ]
    assert lines[0]["cells"]["cf_effect_month"] == "13"


def test_table_summary_lists_rejections(tmp_path: Path) -> None:
    res = runner.invoke(
        app, ["import", "ethprio", str(DATA / "ethprio_quirks.csv"), "--out", str(tmp_path / "o")]
    )
    assert res.exit_code == 1
    assert "row 3 (line 4): 'row[3].cf_effect_month' must be a month 1-12" in res.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "pax", "missing.csv", "--out", "o.jsonl"], "must be an existing file"),
        (["import", "pax", "{ucdp}", "--out", "o.jsonl"], "must have the PA-X columns"),
        (["import", "pax", "{pax}", "--out", "nodir/o.jsonl"], "must be in an existing directory"),
        (["import", "pax", "{pax}", "--out", "o.jsonl", "--zone", "Mars/Base"], "IANA"),
        (["link", "--pax", "{pax}"], "give at least two"),
    ],
)
def test_usage_errors_exit_2_with_one_line_and_no_output(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = [a.format(ucdp=SAMPLES["ucdp"], pax=SAMPLES["pax"]) for a in args]
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    assert message in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_imported_jsonl_is_valid_input_for_validate(tmp_path: Path) -> None:
    outs = [_import(n, p, tmp_path)[2] for n, p in SAMPLES.items()]
    res = runner.invoke(app, ["validate", *map(str, outs), "--format", "json"])
    assert res.exit_code == 0, res.stdout
    total = json.loads(res.stdout)
    assert (total["read"], total["valid"], total["rejected"]) == (55, 55, 0)


def test_an_imported_record_runs_through_timeline(tmp_path: Path) -> None:
    _, _, out = _import("ucdp", SAMPLES["ucdp"], tmp_path)
    line = next(x for x in out.read_text(encoding="utf-8").splitlines() if '"ucdp-1017"' in x)
    for suffix in (".json", ".jsonl"):  # the line as a document, or a JSONL of one record
        one = tmp_path / f"ucdp-1017{suffix}"
        one.write_text(line + "\n", encoding="utf-8")
        res = runner.invoke(app, ["timeline", str(one), "--format", "json"])
        assert res.exit_code == 0, res.output
        events = {e["id"]: e["date"] for e in json.loads(res.stdout)["events"]}
        assert events["agreement.signed"] == "1995-08-19"
        assert events["in-force.end"] == "1996-04-01"


def test_imported_jsonl_makes_valid_frames(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    from ceasefire_terms.integrations.pandas import agreements_frame, validate_frame
    from ceasefire_terms.io.load import parse_agreement

    _, _, out = _import("ethprio", SAMPLES["ethprio"], tmp_path)
    lines = out.read_text(encoding="utf-8").splitlines()
    frame = pd.read_json(out, lines=True, dtype=False)
    v = validate_frame(frame)
    assert len(v.agreements) == 20 and v.rejected_rows == []
    assert v.agreements[1].origin is not None and v.agreements[1].origin.rows[0].row == 2
    agreements = [parse_agreement(x) for x in lines]
    f = agreements_frame(agreements)
    assert list(f["id"])[:2] == ["ethprio-840033", "ethprio-450012"]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_import_then_export_cli_gives_the_file_back(name: str, tmp_path: Path) -> None:
    _, _, out = _import(name, SAMPLES[name], tmp_path)
    csv_out = tmp_path / "back.csv"
    res = runner.invoke(app, ["export", name, str(out), "--out", str(csv_out)])
    assert res.exit_code == 0
    assert csv_out.read_bytes() == SAMPLES[name].read_bytes()


def test_export_of_bundled_agreements_uses_the_published_header(tmp_path: Path) -> None:
    for name, sample in SAMPLES.items():
        csv_out = tmp_path / f"{name}.csv"
        res = runner.invoke(app, ["export", name, *map(str, AGREEMENTS), "--out", str(csv_out)])
        assert res.exit_code == 0
        table = read_table(csv_out)
        assert table.header == read_table(sample).header
        assert table.bom is (name == "pax")
        assert len(table.rows) >= len(AGREEMENTS)


def test_export_refuses_an_invalid_record_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "title": "X", "zone": "Mars/Base"}\n', encoding="utf-8")
    csv_out = tmp_path / "o.csv"
    res = runner.invoke(app, ["export", "pax", str(bad), "--out", str(csv_out)])
    assert res.exit_code == 1 and not csv_out.exists()
    assert "not valid agreements" in res.stderr


def test_export_refuses_a_record_changed_after_import(tmp_path: Path) -> None:
    _, _, out = _import("pax", SAMPLES["pax"], tmp_path)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    first["title"] = "Renamed"
    edited = tmp_path / "edited.jsonl"
    edited.write_text(json.dumps(first) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["export", "pax", str(edited), "--out", str(tmp_path / "o.csv")])
    assert res.exit_code == 1
    assert "was changed since it was imported" in res.stderr and "'title'" in res.stderr
    assert not (tmp_path / "o.csv").exists()


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    """A hand-made link: the real PA-X row 1364 (UcdpAgr 1537) and the real UCDP row 1397
    renumbered as paid 1537 with a signing date one day off PA-X's."""
    ucdp = read_table(SAMPLES["ucdp"])
    urow = ucdp.rows[0].cells | {"paid": "1537", "pa_date": "2015-02-11"}
    u = tmp_path / "u.csv"
    u.write_text(write_table(ucdp.header, [urow]), encoding="utf-8", newline="")
    prow = next(r.cells for r in read_table(SAMPLES["pax"]).rows if r.cells["AgtId"] == "1364")
    p = tmp_path / "p.csv"
    p.write_text(write_table(PAX_COLUMNS, [prow]), encoding="utf-8", newline="")
    return u, p


def test_link_json_reports_the_disagreement_with_both_readings(tmp_path: Path) -> None:
    u, p = _pair(tmp_path)
    res = runner.invoke(app, ["link", "--ucdp", str(u), "--pax", str(p), "--format", "json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    (link,) = data["links"]
    assert link["ids"] == ["ucdp-1537", "pax-1364"]
    (finding,) = link["findings"]
    assert finding["kind"] == "signed"
    assert [(r["dataset"], r["value"]) for r in finding["readings"]] == [
        ("ucdp", "2015-02-11"),
        ("pax", "2015-02-12"),
    ]
    assert data["counts"] == {"links": 1, "findings": 1, "unresolved": 0}


def test_link_table_on_the_samples_shows_unresolved_links(tmp_path: Path) -> None:
    res = runner.invoke(
        app,
        ["link", "--ucdp", str(SAMPLES["ucdp"]), "--pax", str(SAMPLES["pax"]),
         "--ethprio", str(SAMPLES["ethprio"])],
    )  # fmt: skip
    assert res.exit_code == 0
    assert "0 linked agreement(s)" in res.stdout
    assert "pax-1364 UcdpAgr 1537: no such UCDP paid" in res.stdout


def test_imported_records_satisfy_the_published_json_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from ceasefire_terms.schema import record_schema

    validator = jsonschema.Draft202012Validator(record_schema())
    for name, sample in SAMPLES.items():
        _, _, out = _import(name, sample, tmp_path)
        for line in out.read_text(encoding="utf-8").splitlines():
            assert list(validator.iter_errors(json.loads(line))) == []


def test_extra_columns_survive_import_and_export_whatever_they_are_called(tmp_path: Path) -> None:
    """A later release may add columns: they are kept verbatim too, even with names the
    record format uses for its own settings ('roll', 'dst') and values equal to its defaults."""
    table = read_table(SAMPLES["pax"])
    header = (*table.header, "roll", "dst", "notes")
    rows = [r.cells | {"roll": "none", "dst": "raise", "notes": ""} for r in table.rows]
    src = tmp_path / "pax_plus.csv"
    src.write_text(write_table(header, rows), encoding="utf-8", newline="")
    code, _, out = _import("pax", src, tmp_path)
    assert code == 0
    back = tmp_path / "back.csv"
    assert runner.invoke(app, ["export", "pax", str(out), "--out", str(back)]).exit_code == 0
    assert back.read_bytes() == src.read_bytes()


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_dump_agreement_keeps_origin_cells_that_look_like_defaults(fmt: str) -> None:
    """dump_agreement drops the model's own quiet defaults (``roll: none``, ``dst: raise``,
    empty lists) for readability, but never a dataset cell: an imported row whose columns are
    called ``roll``/``dst`` and hold ``none``/``raise`` is written, and read back, whole."""
    from ceasefire_terms.datasets import import_dataset, read_table_text
    from ceasefire_terms.io.load import dump_agreement, parse_agreement, read_yaml

    table = read_table(SAMPLES["pax"])
    header = (*table.header, "roll", "dst")
    rows = [r.cells | {"roll": "none", "dst": "raise"} for r in table.rows[:1]]
    (a,) = import_dataset("pax", read_table_text(write_table(header, rows))).agreements
    text = dump_agreement(a, fmt=fmt)
    data = json.loads(text) if fmt == "json" else read_yaml(text)
    cells = data["origin"]["rows"][0]["cells"]
    assert (cells["roll"], cells["dst"]) == ("none", "raise")
    assert parse_agreement(data) == a
    # the model's own defaults are still left out
    assert "roll" not in data and all("dst" not in p for p in data.get("phases", []))


def test_export_of_a_dataset_table_is_a_usage_error_naming_the_import(tmp_path: Path) -> None:
    """A CSV given to export used to be read as JSON Lines: one rejection per line (212 for
    the UCDP sample) and exit 1. It is a usage error that says what to run instead."""
    out = tmp_path / "o.csv"
    res = runner.invoke(app, ["export", "ucdp", str(SAMPLES["ucdp"]), "--out", str(out)])
    assert res.exit_code == 2 and not out.exists()
    assert "not a dataset table; import it first: ceasefire-terms import ucdp" in res.stderr
    assert "Traceback" not in res.output


def test_the_import_commands_default_zone_is_the_librarys() -> None:
    """The command's --zone default is written out (so the CLI need not import the datasets
    package to start); it must stay the library's DEFAULT_ZONE."""
    import inspect

    from ceasefire_terms.cli.datasets_cmd import import_cmd
    from ceasefire_terms.datasets import DEFAULT_ZONE

    assert inspect.signature(import_cmd).parameters["zone"].default == DEFAULT_ZONE
