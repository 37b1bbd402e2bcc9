#!/usr/bin/python3
"""Writes store_v2.sql: the SQL that makes a store as dossier wrote it at
schema version 2 (before a file could hold several documents), with one
file, its document, spans, readings and an application, so that the
migration to later versions is tested on an old store (store_schema_test
runs it into a fresh database). The schema text is read from the commit
that last wrote version 2.

  /usr/bin/python3 tests/store/data/make_store_v2.py
"""
import os
import re
import sqlite3
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_COMMIT = "58d52cf"


def migrations():
    source = subprocess.run(["git", "show", SCHEMA_COMMIT + ":store/src/schema.cc"], cwd=HERE,
                            check=True, capture_output=True, text=True).stdout
    return re.findall(r'R"sql\((.*?)\)sql"', source, re.S)


def main():
    db = sqlite3.connect(":memory:")
    steps = migrations()
    assert len(steps) == 2, len(steps)
    for step in steps:
        db.executescript(step)
    db.executescript("PRAGMA user_version = 2; PRAGMA application_id = 1146049363;")
    db.execute("INSERT INTO files VALUES (1, 'aa', 2048, 'pdf', 'done', NULL, 'inbox/甲/申报表.pdf', 1000)")
    db.execute("INSERT INTO arrivals VALUES (1, 1, 'inbox/甲/申报表.pdf', 1000)")
    db.execute("INSERT INTO documents VALUES (1, 1, 'application_form', 0.9, 'title', 2, '[]')")
    db.execute("INSERT INTO pages VALUES (1, 0, 1, 595, 842, 'pdf-text', 'text layer')")
    db.execute("INSERT INTO pages VALUES (1, 1, 2, 595, 842, 'pdf-text', 'text layer')")
    db.execute("INSERT INTO spans VALUES (1, 0, '济南甲学院', 1, 72, 72, 200, 90, 'page 1 line 1', "
               "'pdf-text', 1.0, -1, -1, -1, '[]')")
    db.execute("INSERT INTO readings VALUES (1, 'field', 0, NULL, 'unit_name', '\"济南甲学院\"', 0, "
               "'济南甲学院', 1.0, 0, '单位名称')")
    db.execute("INSERT INTO teachers VALUES (1, 0, '张三', '教授', '专职', 0)")
    db.execute("INSERT INTO applications VALUES ('name:济南甲学院', 0)")
    db.execute("INSERT INTO application_fields VALUES ('name:济南甲学院', 'unit_name', 0, "
               "'\"济南甲学院\"', 1.0)")
    db.execute("INSERT INTO field_sources VALUES ('name:济南甲学院', 'unit_name', 0, 1, 0)")
    db.execute("INSERT INTO application_documents VALUES ('name:济南甲学院', 1, 0)")
    db.execute("INSERT INTO findings VALUES ('name:济南甲学院', 0, 'missing_form', 'x')")
    db.execute("INSERT INTO events (at_ms, sha256, event, detail) VALUES (1000, 'aa', 'received', 'x')")
    db.commit()
    with open(os.path.join(HERE, "store_v2.sql"), "w", encoding="utf-8") as out:
        for line in db.iterdump():
            out.write(line + "\n")
        out.write("PRAGMA user_version = 2;\nPRAGMA application_id = 1146049363;\n")
    db.close()


if __name__ == "__main__":
    main()
