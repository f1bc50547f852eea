-- A careerkit database at schema 4 (before survey editions), as written by the SQL store
-- and dumped with sqlite3's iterdump; tests/store/test_editions_migration.py brings it to 5.
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
INSERT INTO "answers" VALUES('old-0001','lead_people',0,4.0,NULL);
INSERT INTO "answers" VALUES('old-0001','activities',0,NULL,'courses');
INSERT INTO "answers" VALUES('old-0001','activities',1,NULL,'mentoring');
INSERT INTO "answers" VALUES('old-0001','career_goal',0,NULL,'Lead a team');
INSERT INTO "answers" VALUES('old-0002','lead_people',0,9.0,NULL);
INSERT INTO "answers" VALUES('old-0002','gone_question',0,NULL,'x');
CREATE TABLE careerkit_meta (
	"key" VARCHAR(64) NOT NULL, 
	value VARCHAR(200) NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "careerkit_meta" VALUES('schema_version','4');
CREATE TABLE documents (
	kind VARCHAR(32) NOT NULL, 
	code VARCHAR(64) NOT NULL, 
	version INTEGER NOT NULL, 
	workshop VARCHAR(64), 
	updated_at DATETIME NOT NULL, 
	data TEXT NOT NULL, 
	PRIMARY KEY (kind, code)
);
CREATE TABLE drafts (
	key_hash VARCHAR(64) NOT NULL, 
	survey_id VARCHAR(64) NOT NULL, 
	workshop VARCHAR(64), 
	submission_id VARCHAR(64) NOT NULL, 
	page INTEGER NOT NULL, 
	participant VARCHAR(200), 
	answers TEXT NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (key_hash)
);
INSERT INTO "drafts" VALUES('fe552edfa5bc7ba500757cc49fd3e1369c5b4ca98c356afa7815058bf9767120','career_interests','SPRING','sub-00000009',0,NULL,'{"lead_people": 2}','2026-12-01 23:58:34.981404');
CREATE TABLE receipts (
	key_hash VARCHAR(64) NOT NULL, 
	response_id VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (key_hash), 
	FOREIGN KEY(response_id) REFERENCES responses (id) ON DELETE CASCADE
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
INSERT INTO "responses" VALUES('old-0001','career_interests','SPRING',NULL,'2026-03-02 09:30:00.000000',62.5,50.0,'both','{"lead_people": 4, "activities": ["courses", "mentoring"], "career_goal": "Lead a team"}');
INSERT INTO "responses" VALUES('old-0002','career_interests','SPRING',NULL,'2026-03-02 09:30:00.000000',NULL,NULL,NULL,'{"lead_people": 9, "gone_question": "x"}');
CREATE TABLE workshops (
	code VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	closed_at DATETIME, 
	PRIMARY KEY (code)
);
INSERT INTO "workshops" VALUES('SPRING','Spring','2026-12-01 23:58:34.969042',NULL);
CREATE INDEX ix_responses_workshop_survey ON responses (workshop, survey_id);
CREATE INDEX ix_documents_kind_workshop ON documents (kind, workshop);
CREATE INDEX ix_drafts_submission_id ON drafts (submission_id);
CREATE INDEX ix_drafts_workshop_updated ON drafts (workshop, updated_at);
CREATE INDEX ix_answers_question ON answers (question_id);
CREATE INDEX ix_receipts_response_id ON receipts (response_id);
COMMIT;
