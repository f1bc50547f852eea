-- A careerkit database at schema 3 (before drafts and receipts), as written by the SQL store
-- and dumped with sqlite3's iterdump; tests/store/test_store_drafts.py migrates it to schema 4.
BEGIN TRANSACTION;
CREATE TABLE answers (
	response_id VARCHAR(64) NOT NULL,
	question_id VARCHAR(64) NOT NULL,
	seq INTEGER NOT NULL,
	value_num FLOAT,
	value_text TEXT,
	PRIMARY KEY (response_id, question_id, seq),
	FOREIGN KEY(response_id) REFERENCES responses (id) ON DELETE CASCADE
);
INSERT INTO "answers" VALUES('old-0001','q_lead',0,4.0,NULL);
INSERT INTO "answers" VALUES('old-0001','q_skills',0,NULL,'coaching');
INSERT INTO "answers" VALUES('old-0001','q_skills',1,NULL,'budgeting');
CREATE TABLE careerkit_meta (
	"key" VARCHAR(64) NOT NULL,
	value VARCHAR(200) NOT NULL,
	PRIMARY KEY ("key")
);
INSERT INTO "careerkit_meta" VALUES('schema_version','3');
CREATE TABLE documents (
	kind VARCHAR(32) NOT NULL,
	code VARCHAR(64) NOT NULL,
	version INTEGER NOT NULL,
	workshop VARCHAR(64),
	updated_at DATETIME NOT NULL,
	data TEXT NOT NULL,
	PRIMARY KEY (kind, code)
);
CREATE TABLE responses (
	id VARCHAR(64) NOT NULL,
	survey_id VARCHAR(64) NOT NULL,
	workshop VARCHAR(64),
	participant VARCHAR(200),
	submitted_at DATETIME NOT NULL,
	advancement FLOAT,
	development FLOAT,
	orientation VARCHAR(16),
	answers TEXT NOT NULL,
	PRIMARY KEY (id)
);
INSERT INTO "responses" VALUES('old-0001','career_check','SPRING',NULL,'2025-03-04 10:00:00.250000',62.5,37.5,'advancement','{"q_lead": 4, "q_skills": ["coaching", "budgeting"]}');
CREATE TABLE workshops (
	code VARCHAR(64) NOT NULL,
	name VARCHAR(200) NOT NULL,
	created_at DATETIME NOT NULL,
	closed_at DATETIME,
	PRIMARY KEY (code)
);
INSERT INTO "workshops" VALUES('SPRING','Spring cohort','2025-03-04 09:00:00.000000',NULL);
CREATE INDEX ix_responses_workshop_survey ON responses (workshop, survey_id);
CREATE INDEX ix_documents_kind_workshop ON documents (kind, workshop);
CREATE INDEX ix_answers_question ON answers (question_id);
COMMIT;
