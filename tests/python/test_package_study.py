"""The buurtbereik package on study files the CLI wrote: variants, outcome rows and series as
tables; summaries recomputed from the rows equal the file's estimates; comparisons read from the
file equal those recomputed (and the raw datasets); files of another type, an unknown format
version or an unfinished study are refused (a checkpoint is readable with partial=True)."""

from __future__ import annotations

import shutil
import sys

import h5py
import numpy as np
import pytest
from bbutil import REPO, strings

sys.path.insert(0, str(REPO / "python"))

import buurtbereik as bb  # noqa: E402

VARIANTS = ["testbuurt", "drie-werkers", "avond"]
STATS = ["mean", "sd", "half_width", "lo", "hi"]


@pytest.fixture(scope="module")
def study(package_study):
    return bb.open_study(package_study[0])


def test_variants_and_outcome_rows(study, package_study):
    assert study.variants == VARIANTS and study.base == "testbuurt"
    assert study.alternatives == VARIANTS[1:]
    assert study.replications == 6 and study.complete and study.stop_reason == "cap"
    assert study.common_random_numbers and study.days == 365
    wide = study.outcomes()
    outcomes = len(study.outcome_ids)
    assert outcomes == 35
    assert list(wide.columns) == ["variant", "replication", *study.outcome_ids]
    assert len(wide) == 3 * 6 and list(wide["variant"].cat.categories) == VARIANTS
    with h5py.File(package_study[0], "r") as f:
        raw = f["variants/drie-werkers/outcomes"][()]
    assert np.array_equal(study.outcomes("drie-werkers")[study.outcome_ids].to_numpy(), raw)
    long = study.outcomes("avond", form="long")
    assert len(long) == 6 * len(study.outcome_ids)
    assert list(long.columns) == ["variant", "replication", "outcome", "value"]
    with pytest.raises(bb.UnknownNameError, match="did you mean 'avond'"):
        study.outcomes("avnd")


def test_series_as_tidy_table_and_array(study, package_study):
    a = study.series_array("avond")
    assert a.values.shape == (6, 365, 11) and len(a.columns) == 11 and a.days[-1] == 364
    tidy = study.series("avond")
    assert list(tidy.columns) == ["replication", "day", "column", "value"]
    assert len(tidy) == 6 * 365 * 11
    with h5py.File(package_study[0], "r") as f:
        cube = f["variants/avond/series"][()]
        columns = strings(f["series_columns/id"])
    k = columns.index("helped.zorgmisser")
    row = tidy[(tidy["replication"] == 4) & (tidy["day"] == 200)
               & (tidy["column"] == "helped.zorgmisser")]
    assert row["value"].item() == cube[4, 200, k]
    band = study.series_band("helped.zorgmisser", "avond")
    assert np.array_equal(band["mean"].to_numpy(), cube[:, :, k].mean(axis=0))
    assert (band["lo"] <= band["mean"]).all() and (band["mean"] <= band["hi"]).all()
    ci = study.series_band("helped.zorgmisser", "avond", band="ci")
    assert ci["hi"].iloc[-1] - ci["lo"].iloc[-1] > 0


def test_summary_recomputed_from_rows_equals_the_file_estimates(study, package_study):
    rows = study.summary()
    file = study.estimates()
    assert list(rows.columns) == ["variant", "outcome", "unit", *STATS, "n"]
    assert len(rows) == 3 * len(study.outcome_ids)
    assert rows[["variant", "outcome"]].equals(file[["variant", "outcome"]])
    assert np.array_equal(rows["n"].to_numpy(), file["n"].to_numpy())
    np.testing.assert_allclose(rows[STATS].to_numpy(), file[STATS].to_numpy(),
                               rtol=1e-12, atol=1e-12)
    # ... and the file's estimates are what the datasets hold.
    with h5py.File(package_study[0], "r") as f:
        stored = f["variants/avond/estimates/half_width"][()]
    np.testing.assert_array_equal(file[file["variant"] == "avond"]["half_width"], stored)
    # ... and are not trivially equal: replications differ.
    assert (rows["sd"] > 0).sum() > 20


def test_compare_read_from_the_file_equals_the_recomputed_one(study, package_study):
    from_file = study.compare()
    from_rows = study.compare(source="rows")
    assert from_file.alternatives == VARIANTS[1:] and from_file.base == "testbuurt"
    assert from_file.pairs == {"drie-werkers": 6, "avond": 6}
    d1, d2 = from_file.differences, from_rows.differences
    assert d1[["alternative", "outcome"]].equals(d2[["alternative", "outcome"]])
    np.testing.assert_allclose(d1[STATS + ["p_better"]].to_numpy(),
                               d2[STATS + ["p_better"]].to_numpy(), rtol=1e-12, atol=1e-9)
    e1, e2 = from_file.economics, from_rows.economics
    assert e1[["alternative", "measure", "unit", "bounded"]].equals(
        e2[["alternative", "measure", "unit", "bounded"]])
    np.testing.assert_allclose(e1[["estimate", "lo", "hi"]].to_numpy(),
                               e2[["estimate", "lo", "hi"]].to_numpy(), rtol=1e-12, atol=1e-9)
    # The file's own datasets, read without the package.
    with h5py.File(package_study[0], "r") as f:
        ids = strings(f["outcomes/id"])
        k = ids.index("helped.totaal")
        assert from_file.outcome("helped.totaal").loc["drie-werkers", "mean"] == \
            f["comparisons/drie-werkers/mean"][k]
        base = f["variants/testbuurt/outcomes"][:, ids.index("cost.workers")]
        alt = f["variants/drie-werkers/outcomes"][:, ids.index("cost.workers")]
    # A third worker costs more in every pair: never better on cost.
    assert (alt > base).all()
    assert from_file.outcome("cost.workers").loc["drie-werkers", "p_better"] == 0.0
    ce = from_file.measure("cost_per_extra_helped").loc["drie-werkers"]
    extra = from_file.measure("extra_helped").loc["drie-werkers", "estimate"]
    cost = from_file.measure("extra_worker_cost").loc["drie-werkers", "estimate"]
    assert ce["estimate"] == pytest.approx(cost / extra)


def test_compare_one_alternative_and_errors(study, package_ensemble):
    one = study.compare("avond")
    assert one.alternatives == ["avond"] and set(one.differences["alternative"]) == {"avond"}
    assert len(one.economics) == 13
    with pytest.raises(bb.UnknownNameError, match="alternative"):
        study.compare("testbuurt")  # the base is not an alternative
    single = bb.open_study(package_ensemble)
    assert single.variants == ["testbuurt"] and single.alternatives == []
    with pytest.raises(ValueError, match="single variant"):
        single.compare()
    np.testing.assert_allclose(single.summary()[STATS].to_numpy(),
                               single.estimates()[STATS].to_numpy(), rtol=1e-12, atol=1e-12)


def test_repr_reads_well(study):
    text = repr(study)
    assert "3 variants" in text and "testbuurt [base]" in text and "6 replications" in text
    html = study._repr_html_()
    assert "<table" in html and "helped.totaal" in html and "drie-werkers" in html
    c = study.compare("drie-werkers")
    assert "drie-werkers against testbuurt (6 paired replications" in repr(c)
    assert "cost_per_extra_helped" in c._repr_html_()


def edited_copy(source, folder, **attributes):
    path = folder / "edited.h5"
    shutil.copy(source, path)
    with h5py.File(path, "r+") as f:
        for name, value in attributes.items():
            f.attrs[name] = value
    return path


@pytest.mark.parametrize("attribute, value, error", [
    ("filetype", "buurtbereik-run", bb.UnsupportedFileError),
    ("filetype", "iets-anders", bb.UnsupportedFileError),
    ("format_version", 2, bb.UnsupportedFileError),
    ("format_version", 0, bb.UnsupportedFileError),
    ("complete", 0, bb.IncompleteFileError),
])
def test_version_check_refuses(package_study, tmp_path, attribute, value, error):
    bad = edited_copy(package_study[0], tmp_path, **{attribute: value})
    with pytest.raises(error, match=attribute) as info:
        bb.open_study(bad)
    assert isinstance(info.value, ValueError)


def test_version_check_refuses_files_that_are_not_results(tmp_path):
    text_file = tmp_path / "notes.h5"
    text_file.write_text("not HDF5\n")
    with pytest.raises(bb.UnsupportedFileError, match="not an HDF5 file"):
        bb.open_study(text_file)
    empty = tmp_path / "empty.h5"
    with h5py.File(empty, "w"):
        pass
    with pytest.raises(bb.UnsupportedFileError, match="filetype is None"):
        bb.open_study(empty)
    with pytest.raises(FileNotFoundError):
        bb.open_study(tmp_path / "missing.h5")


def test_a_checkpoint_is_read_with_partial(package_study, tmp_path):
    # A checkpoint as the engine writes it: complete = 0, unfinished rows with done = 0 and NaN,
    # `replications` the completed prefix.
    path = edited_copy(package_study[0], tmp_path, complete=0, status="interrupted",
                       stop_reason="", replications=4)
    with h5py.File(path, "r+") as f:
        for v in VARIANTS:
            f[f"variants/{v}/done"][4:] = 0
            f[f"variants/{v}/outcomes"][4:, :] = np.nan
    with pytest.raises(bb.IncompleteFileError, match="partial=True"):
        bb.open_study(path)
    s = bb.open_study(path, partial=True)
    assert not s.complete and s.status == "interrupted" and "checkpoint" in repr(s)
    assert len(s.outcomes("avond")) == 4 and s.series_array("avond").values.shape[0] == 4
    rows = s.summary()
    assert (rows["n"] <= 4).all() and (rows[rows["outcome"] == "helped.totaal"]["n"] == 4).all()
    full = bb.open_study(package_study[0]).outcomes("avond")["helped.totaal"].to_numpy()
    mean = rows[(rows["variant"] == "avond") & (rows["outcome"] == "helped.totaal")]["mean"]
    assert mean.item() == pytest.approx(full[:4].mean())
