"""Story-level events: one event however many outlets report it, its status history, contradictions, drift."""

from __future__ import annotations

from conftest import store_url

from quellenlage.link.events import Report, decide, drift, history, keys, lookup_keys


def _report(
    article: str,
    type_: str = "meeting",
    status: str = "happened",
    published: str = "2026-03-18T10:00:00+01:00",
    participants: tuple[str, ...] = ("Emerz", "Emacron"),
    place: str | None = None,
    time: str | None = None,
    outlet: str | None = None,
    update_cue: bool = False,
    claims: list[dict] | None = None,
) -> Report:
    return Report(
        article=article,
        evid="v1",
        type=type_,
        status=status,
        published=published,
        outlet=outlet or article.split("-")[0],
        participants=set(participants),
        place=place,
        time_value=time,
        update_cue=update_cue,
        claims=claims or [],
    )


def test_merz_und_macron_in_vier_outlets_sind_ein_treffen():
    first = _report("zeit-1")
    for article in ("spiegel-1", "faz-1", "ntv-1"):
        assert decide(_report(article, type_="talks"), [first]) is not None
    assert lookup_keys(_report("spiegel-1")) & keys(first)


def test_ein_telefonat_ist_kein_treffen():
    assert decide(_report("spiegel-1", type_="call"), [_report("zeit-1")]) is None


def test_trump_putin_ist_nicht_trump_selenskyj():
    assert (
        decide(_report("a-1", participants=("Etrump", "Eputin")), [_report("b-1", participants=("Etrump", "Eselenskyj"))]) is None
    )


def test_zwei_treffen_eines_artikels_an_zwei_orten_und_tagen_bleiben_zwei():
    miami = _report("ntv-1", place="Emiami", time="2026-02-27", status="happened")
    istanbul = _report("ntv-1", place="Eistanbul", time="2026-03-13", status="planned")
    assert decide(istanbul, [miami]) is None
    # but "Geheimgespräche" and "Treffen" of one article, kept apart by the events stage, are one event
    assert decide(_report("ntv-1", type_="talks", time="2026-03-13"), [_report("ntv-1", time="2026-03-13")]) is not None


def test_warnstreik_ohne_beteiligte_am_selben_tag_mit_verdi_und_werneke_ist_einer():
    def strike(article: str, **kw) -> Report:
        r = _report(article, type_="strike", participants=(), time="2026-03-12", **kw)
        r.context = {"Everdi", "Ewerneke", "E" + article}
        return r

    assert decide(strike("ntv-1"), [strike("faz-1")]) is not None
    lone = strike("bild-1")
    lone.context = {"Egdl"}  # another union's strike on the same day
    assert decide(lone, [strike("faz-1")]) is None


def test_der_28_punkte_plan_in_zwei_outlets_ist_einer():
    def plan(article: str) -> Report:
        r = _report(article, type_="plan", participants=(), status="planned")
        r.points, r.context = 28, {"Ewitkoff"}
        return r

    assert decide(plan("ntv-1"), [plan("faz-1")]) is not None
    other = plan("bild-1")
    other.points = 12
    assert decide(other, [plan("faz-1")]) is None


def test_ende_oktober_enthaelt_den_24_bis_26_oktober():
    assert decide(_report("a-1", time="2025-10"), [_report("b-1", time="2025-10-24/2025-10-26")]) is not None
    assert decide(_report("a-1", time="2025-11-03"), [_report("b-1", time="2025-10-24/2025-10-26")]) is None


def test_das_treffen_von_putin_und_trump_im_maerz_ohne_datum_ist_nicht_das_vom_august():
    pair = ("Eputin", "Etrump")
    march = _report("zeit-1", participants=pair, published="2026-03-10T09:00:00+01:00")
    august = _report("faz-1", participants=pair, published="2026-08-20T09:00:00+02:00")
    assert decide(august, [march]) is None
    # published within three weeks, the undated reports can tell one meeting
    assert decide(_report("faz-2", participants=pair, published="2026-03-24T09:00:00+01:00"), [march]) is not None
    # an undated report of 19 November meets the report of the same day that dates it in October
    dated = _report("ntv-1", participants=pair, published="2025-11-19T09:00:00+01:00", time="2025-10-24/2025-10-26")
    assert decide(_report("spiegel-1", participants=pair, published="2025-11-19T15:00:00+01:00"), [dated]) is not None
    # and a report published a year later that dates the meeting meets the undated report of its days
    anniversary = _report("faz-3", participants=pair, published="2026-10-24T09:00:00+02:00", time="2025-10-24/2025-10-26")
    assert decide(_report("welt-1", participants=pair, published="2025-10-27T09:00:00+01:00"), [anniversary]) is not None


def test_17_oder_18_maerz_ist_ein_widerspruch_zum_datum():
    a = _report("zeit-1", time="2026-03-17", published="2026-03-18T08:00:00+01:00")
    b = _report("faz-1", time="2026-03-18", published="2026-03-18T20:00:00+01:00")
    assert decide(b, [a]) is not None
    told = history([a, b])
    assert [c["field"] for c in told.contradictions] == ["time"]
    assert {s["value"] for s in told.contradictions[0]["sides"]} == {"2026-03-17", "2026-03-18"}
    # with only one shared participant two days are two events
    assert (
        decide(
            _report("faz-1", time="2026-03-18", participants=("Emerz",)),
            [_report("zeit-1", time="2026-03-17", participants=("Emerz",))],
        )
        is None
    )


def test_abgesagt_oder_verschoben_am_selben_tag_ist_ein_widerspruch():
    a = _report("spiegel-1", status="cancelled", published="2026-03-16T09:00:00+01:00")
    b = _report("welt-1", status="postponed", published="2026-03-16T11:30:00+01:00")
    told = history([a, b])
    assert [c["field"] for c in told.contradictions] == ["status"]
    assert told.status == "unknown"  # the latest word is contested: no status is stated


def test_geplant_verschoben_stattgefunden_ist_eine_statusgeschichte():
    reports = [
        _report("ntv-1", status="planned", time="2026-03-17", published="2026-03-10T09:00:00+01:00"),
        _report("zeit-1", status="postponed", time="2026-03-17", published="2026-03-12T15:00:00+01:00"),
        _report("faz-1", status="happened", time="2026-03-20", published="2026-03-20T18:00:00+01:00"),
    ]
    assert decide(reports[1], reports[:1]) is not None
    assert decide(reports[2], reports[:2]) is not None  # the planned date moved
    told = history(reports)
    assert [s["status"] for s in told.steps] == ["planned", "postponed", "happened"]
    assert [s["article"] for s in told.steps] == ["ntv-1", "zeit-1", "faz-1"]
    assert told.contradictions == [] and told.status == "happened"


def test_inzwischen_macht_aus_dem_widerspruch_eine_aenderung():
    a = _report("spiegel-1", status="cancelled", published="2026-03-16T09:00:00+01:00")
    b = _report("welt-1", status="postponed", published="2026-03-16T11:30:00+01:00", update_cue=True)
    told = history([a, b])
    assert told.contradictions == [] and told.status == "postponed"


def _claim(
    cid: str, kind: str, chain: list[str], hedged: bool = False, status: str = "happened", anonymous_last: str | None = None
) -> dict:
    sources = [{"name": n, "anonymous": False} for n in chain]
    if anonymous_last:
        sources[-1] = {"name": chain[-1], "anonymous": True, "anonymous_kind": anonymous_last}
    return {"id": cid, "status": status, "kind": kind, "hedged": hedged, "sources": sources}


def test_laut_axios_hier_als_tatsache_dort_ist_drift():
    hearsay = _report("spiegel-1", claims=[_claim("v1c1", "reported", ["spiegel.de", "Axios"], hedged=True)], outlet="spiegel.de")
    fact = _report("bild-1", claims=[_claim("v1c1", "asserted", ["bild.de"])], outlet="bild.de")
    flags = drift([hearsay, fact])
    assert flags["bild-1:v1c1"]["kind"] == "stated as fact" and flags["bild-1:v1c1"]["other"] == ["spiegel-1:v1c1"]
    assert flags["spiegel-1:v1c1"]["kind"] == "hearsay"
    # the same outlet both ways is no drift between outlets
    assert drift([hearsay, _report("spiegel-2", claims=[_claim("v1c1", "asserted", ["spiegel.de"])], outlet="spiegel.de")]) == {}


def test_medienberichten_zufolge_ohne_namen_wird_markiert():
    r = _report("t-1", claims=[_claim("v1c1", "reported", ["t-online.de", "Medienberichte"], anonymous_last="media_report")])
    assert drift([r])["t-1:v1c1"]["kind"] == "unnamed media reports"


def test_am_freitag_laut_axios_ist_nicht_dienstag_als_tatsache():
    friday = _claim("v1c1", "reported", ["spiegel.de", "Axios"], hedged=True, status="planned")
    friday["time"] = {"value": "2026-03-13"}
    tuesday = _claim("v1c1", "asserted", ["tagesschau.de"], status="planned")
    tuesday["time"] = {"value": "2026-03-17"}
    a = _report("spiegel-1", status="planned", claims=[friday], outlet="spiegel.de")
    b = _report("tagesschau-1", status="planned", claims=[tuesday], outlet="tagesschau.de")
    assert drift([a, b]) == {}
    tuesday["time"] = {"value": "2026-03-13"}
    assert drift([a, b])["tagesschau-1:v1c1"]["kind"] == "stated as fact"


def test_soll_nun_doch_stattfinden_ohne_tag_ist_keine_drift_zu_am_freitag_laut_axios():
    friday = _claim("v1c1", "reported", ["spiegel.de", "Axios"], hedged=True, status="planned")
    friday["time"] = {"value": "2026-03-13"}
    undated = _claim("v1c2", "asserted", ["tagesschau.de"], status="planned")  # "Das Treffen soll nun doch stattfinden."
    a = _report("spiegel-1", status="planned", claims=[friday], outlet="spiegel.de")
    b = _report("tagesschau-1", status="planned", claims=[undated], outlet="tagesschau.de")
    assert drift([a, b]) == {}
    del friday["time"]  # neither names a day: the same claim, told as hearsay and as fact
    assert drift([a, b])["tagesschau-1:v1c2"]["kind"] == "stated as fact"


def _clashes_pairwise(reports: list[Report]) -> set[tuple[str, str]]:
    """The status rule read literally: every earlier report against every later one."""
    from quellenlage.link.events import EXCLUSIVE, KNOWN, WINDOW, _gap, ordered

    told = [r for r in ordered(reports) if r.status in KNOWN]
    found = set()
    for k, r in enumerate(told):
        for earlier in told[:k]:
            if frozenset({earlier.status, r.status}) in EXCLUSIVE and not r.update_cue:
                gap = _gap(earlier.published, r.published)
                if gap is None or gap <= WINDOW:
                    found.add(frozenset({earlier.status, r.status}))
    return found


def test_abgesagt_und_verschoben_ueber_viele_berichte_wie_paarweise_geprueft():
    """The status history looks back only WINDOW hours (linear work): it finds the clashes that checking
    every pair of reports finds, also with undated reports among them."""
    import random
    from datetime import datetime, timedelta

    rng = random.Random(7)
    for _ in range(30):
        reports = []
        when = datetime(2026, 3, 10, 8, 0)
        for k in range(rng.randint(2, 40)):
            when += timedelta(hours=rng.choice([1, 3, 7, 13, 30]))
            published = None if rng.random() < 0.05 else when.isoformat() + "+01:00"
            status = rng.choice(["planned", "postponed", "cancelled", "happened", "denied", "unknown"])
            reports.append(_report(f"o{k}-{k}", status=status, published=published, update_cue=rng.random() < 0.1))
        told = history(reports)
        ours = {frozenset(s["value"] for s in c["sides"]) for c in told.contradictions if c["field"] == "status"}
        assert ours == _clashes_pairwise(reports)


def test_was_die_zeile_ausschliesst_haette_auch_decide_abgelehnt():
    """_may_fit rules candidates out on their row before their reports are read: it must never rule out
    one that decide would take (random story events, undated reports among them)."""
    import random
    from datetime import datetime, timedelta
    from types import SimpleNamespace

    from quellenlage.link.events import _may_fit

    rng = random.Random(11)
    start = datetime(2026, 1, 1, 9, 0)

    def one(k: int) -> Report:
        when = start + timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 23))
        time = None
        if rng.random() < 0.5:
            day = (when + timedelta(days=rng.randint(-40, 10))).date()
            time = day.isoformat() if rng.random() < 0.7 else f"{day.isoformat()}/{(day + timedelta(days=2)).isoformat()}"
        status = rng.choice(["planned", "postponed", "happened", "unknown"])
        return _report(f"o{k}-{k}", status=status, published=when.isoformat() + "+01:00", time=time)

    taken = pruned = 0
    for n in range(400):
        others = sorted((one(k) for k in range(rng.randint(1, 5))), key=lambda r: r.published or "")
        timed = [r for r in others if r.status == "happened" and r.time_value] or [r for r in others if r.time_value]
        row = SimpleNamespace(
            family="meeting",
            time_value=timed[-1].time_value if timed else None,
            participants={"Emerz": 1, "Emacron": 1},
            start=min(r.published for r in others),
            end=max(r.published for r in others),
        )
        report = one(100 + n)
        if decide(report, others) is not None:
            taken += 1
            assert _may_fit(report, row), (report, others)
        pruned += not _may_fit(report, row)
    assert taken > 25 and pruned > 25  # it saw enough story events that decide takes, and that the row rules out


def test_ein_vielfach_gemeldetes_treffen_zaehlt_weiter_ohne_alle_berichte_zu_lesen(tmp_path, monkeypatch):
    """A story event of more than READ_LIMIT reports is updated from its row and its latest reports: the
    counts, span and participants it adds up are those of a recomputation from all reports."""
    from sqlalchemy import select

    import quellenlage
    from quellenlage.link import events as linker
    from quellenlage.store import open_store
    from quellenlage.store.tables import story_events

    monkeypatch.setattr(linker, "READ_LIMIT", 3)
    db = store_url(tmp_path, "s")
    with open_store(db) as store:
        for k in range(8):
            store.put(quellenlage.analyze(f"Merz traf Macron. Meldung {k}.", url=f"https://o{k}.example/1"))
        articles = sorted(r.id for r in store.iter_records())
    assert len(articles) == 8
    with open_store(db) as store, store.write() as conn:
        sids = set()
        for k in range(8):
            extra = ("Erutte",) if k == 5 else ()
            report = _report(
                articles[k], published=f"2026-03-{10 + k:02d}T10:00:00+01:00", participants=("Emerz", "Emacron", *extra)
            )
            sids.add(linker.link_report(conn, report)[0])
        assert len(sids) == 1
        sid = sids.pop()
        step = conn.execute(select(story_events).where(story_events.c.id == sid)).one()
        monkeypatch.setattr(linker, "READ_LIMIT", 200)
        linker.refresh(conn, sid)
        full = conn.execute(select(story_events).where(story_events.c.id == sid)).one()
    assert step.reports == full.reports == 8
    assert (step.start, step.end) == (full.start, full.end) == ("2026-03-10T10:00:00+01:00", "2026-03-17T10:00:00+01:00")
    assert step.participants == full.participants == {"Emerz": 8, "Emacron": 8, "Erutte": 1}


def _with(report: Report, *context: str) -> Report:
    report.context = set(context)
    return report


def test_das_treffen_in_istanbul_am_dienstag_im_artikel_ueber_witkoff_und_dmitrijew_ist_ihr_verschobenes_treffen():
    """ "Das zunächst verschobene Treffen … soll nun doch stattfinden. Die beiden würden am Dienstag in Istanbul
    zusammenkommen": the event names no participant, the article names Witkoff and Dmitrijew — it is their
    meeting in Istanbul, once planned for Friday the 13th (a moved date, as with named participants)."""
    friday = _with(
        _report(
            "spiegel-1",
            status="planned",
            participants=("Ewitkoff", "Edmitrijew"),
            place="Eistanbul",
            time="2026-03-13",
            published="2026-03-09T18:20:00+01:00",
        ),
        "Ewitkoff",
        "Edmitrijew",
        "Eaxios",
    )
    tuesday = _with(
        _report(
            "tagesschau-1",
            status="planned",
            participants=(),
            place="Eistanbul",
            time="2026-03-17",
            published="2026-03-16T19:10:00+01:00",
        ),
        "Ewitkoff",
        "Edmitrijew",
        "Euschakow",
    )
    assert decide(tuesday, [friday]) == ("named and place", 2)
    assert decide(friday, [tuesday]) == ("named and place", 2)  # in either order
    # an article that does not name Dmitrijew: a meeting in Istanbul on another day is not theirs
    assert decide(_with(tuesday, "Ewitkoff", "Euschakow"), [friday]) is None
    # "Erdoğan empfing … in Istanbul": its own participant, named nowhere in the other article
    erdogan = _report("welt-1", status="planned", participants=("Eerdogan",), place="Eistanbul", time="2026-03-17")
    assert decide(_with(erdogan, "Ewitkoff", "Edmitrijew", "Eerdogan"), [friday]) is None
    # another place is not theirs
    ankara = _report("faz-1", status="planned", participants=(), place="Eankara", time="2026-03-17")
    assert decide(_with(ankara, "Ewitkoff", "Edmitrijew"), [friday]) is None


def test_witkoff_verhandelte_am_dienstag_ist_das_am_freitag_geplante_und_am_dienstag_gehaltene_treffen():
    """One participant in common ("Witkoff verhandelte am Dienstag in der türkischen Metropole", Dmitrijew
    only as "der Leiter des Russischen Direktinvestitionsfonds"): the days of the report that shares him
    decide, the planned Friday of the same story event needs only to be compatible."""
    people = ("Ewitkoff", "Edmitrijew", "Erubio")
    friday = _with(
        _report(
            "zeit-1",
            status="planned",
            participants=("Ewitkoff", "Edmitrijew"),
            place="Eistanbul",
            time="2026-03-13",
            published="2026-03-10T19:45:00+01:00",
        ),
        *people,
    )
    tuesday = _with(
        _report(
            "spiegel-1",
            participants=("Ewitkoff", "Edmitrijew"),
            place="Eistanbul",
            time="2026-03-17",
            published="2026-03-17T21:10:00+01:00",
        ),
        *people,
    )
    rnd = _with(
        _report("rnd-1", type_="talks", participants=("Ewitkoff",), time="2026-03-17", published="2026-03-18T18:00:00+01:00"),
        "Ewitkoff",
        "Erubio",
    )
    assert decide(rnd, [friday, tuesday]) == ("participants", 2)
    # with a second participant the event got wrong ("in der türkischen Metropole" taken for one), the
    # articles' people in common
    metropole = _with(
        _report("rnd-1", type_="talks", participants=("Ewitkoff", "Emetropole"), time="2026-03-17"), "Ewitkoff", "Erubio"
    )
    assert decide(metropole, [friday, tuesday]) == ("participant and context", 1)
    # with only the planned Friday: one participant on another day is another event
    assert decide(rnd, [friday]) is None
    # and the date contradiction rule is unchanged: one participant, two days, no report of that day
    assert decide(_report("faz-1", time="2026-03-18", participants=("Emerz",)), [_report("zeit-1", time="2026-03-17")]) is None


def test_witkoff_traf_putin_teilt_nichts_mit_dem_treffen_neben_einem_falschen_trump_putin_bericht():
    """Participants in common are counted with one report, not with all of a story event's reports together:
    a story event of "Witkoff und Dmitrijew treffen sich am Freitag in Istanbul" and a report that named
    Trump and Putin for it (from the headline "Telefonat zwischen Putin und Trump – Treffen in Istanbul geplant")
    shares only one participant with "Witkoff traf Putin am Mittwoch"."""
    friday = _report(
        "zeit-1",
        status="planned",
        participants=("Ewitkoff", "Edmitrijew"),
        place="Eistanbul",
        time="2026-03-13",
        published="2026-03-10T19:45:00+01:00",
    )
    headline = _report(
        "stuttgarter-1",
        status="planned",
        participants=("Etrump", "Eputin"),
        place="Eistanbul",
        published="2026-03-10T20:30:00+01:00",
    )
    putin = _report("welt-1", participants=("Ewitkoff", "Eputin"), time="2026-03-11", published="2026-03-11T20:00:00+01:00")
    assert decide(putin, [friday, headline]) is None
    # two in common with one report still meet ("Witkoff und Dmitrijew": the same meeting, on its moved date)
    both = _report("ntv-1", status="postponed", participants=("Ewitkoff", "Edmitrijew"), time="2026-03-17")
    assert decide(both, [friday, headline]) == ("participants", 4)


def test_der_warnstreik_am_donnerstag_verbindet_aufruf_und_fraport_bericht_zu_einem_ereignis(tmp_path):
    """The order reports come in: "Verdi ruft für Donnerstag zum Warnstreik auf" (no participant) founds one
    story event, "Fraport will den Warnstreik stoppen" (Fraport, in Frankfurt, no day) another; "Der
    Warnstreik legt am Donnerstag Flughäfen lahm" (Fraport, Thursday) fits both and joins them, since the
    call would have joined it too. "Der Warnstreik in Hamburg am Donnerstag" is not taken along: Hamburg
    is not Frankfurt."""
    from sqlalchemy import select

    import quellenlage
    from quellenlage.link import events as linker
    from quellenlage.link import keys as link_keys
    from quellenlage.store import open_store
    from quellenlage.store.tables import event_keys, event_links, story_events, story_keys

    def run(path: str, first_text: dict) -> tuple[dict[str, str], list[str], set[str], tuple[str, str], set]:
        with open_store(path) as store:
            for k in range(3):
                store.put(quellenlage.analyze(f"Verdi streikt. Meldung {k}.", url=f"https://o{k}.example/1"))
            ids = sorted(r.id for r in store.iter_records())

        def strike(k: int, day: int, **kw) -> Report:
            r = _report(ids[k], type_="strike", published=f"2026-03-{day:02d}T10:00:00+01:00", **kw)
            r.context = {"Everdi", "Ewerneke", "Eschmidt"} | r.participants
            return r

        reports = [
            strike(0, 9, status="planned", participants=(), time="2026-03-12", **first_text),
            strike(1, 10, status="planned", participants=("Efraport",), place="Efrankfurt"),
            strike(2, 12, participants=("Efraport", "Earbeitsgericht"), time="2026-03-12"),
        ]
        with open_store(path) as store, store.write() as conn:
            founded = [linker.link_report(conn, r)[0] for r in reports[:2]]
            for story, sid in zip(("S1", "S2"), founded, strict=True):  # each in a story of its own
                link_keys.file(conn, story_keys, story, [f"V:{sid}"])
            assert len(set(founded)) == 2 and linker.decide(reports[2], reports[:1]) is not None  # it fits both
            done = linker.link_report(conn, reports[2])
            linked = dict(conn.execute(select(event_links.c.article_id, event_links.c.story_event)).all())
            rows = set(conn.execute(select(story_events.c.id)).scalars()) | set(
                conn.execute(select(event_keys.c.story_event)).scalars()
            )
            told = {(r.key, r.story) for r in conn.execute(select(story_keys.c.key, story_keys.c.story))}
        return linked, ids, rows, done, told

    linked, ids, rows, done, told = run(store_url(tmp_path, "a"), {})
    assert done[1] == "participants" and linked[ids[0]] == linked[ids[1]] == linked[ids[2]] == done[0]
    assert rows == {done[0]}  # the call's story event, its row and its keys, are gone into the other one
    # both stories now tell the one event: the next story step meets them both by it and joins them
    assert told == {(f"V:{done[0]}", "S1"), (f"V:{done[0]}", "S2")}
    # "Der Warnstreik in Hamburg am Donnerstag" fits the bridging report (no place) but not Frankfurt
    linked, ids, rows, done, _ = run(store_url(tmp_path, "b"), {"place": "Ehamburg"})
    assert linked[ids[1]] == linked[ids[2]] == done[0] != linked[ids[0]]
    assert len(rows) == 2
