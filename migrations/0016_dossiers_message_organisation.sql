-- The organisation an applicant wrote a message for: the dossier's own organisation or one of its partners
-- (collective dossiers), as it was when the message was written. Staff messages and older messages have
-- none (older applicant messages are shown with the dossier's organisation, as before).

ALTER TABLE dossier_messages
  ADD COLUMN organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL;

-- migrate:down
ALTER TABLE dossier_messages DROP COLUMN organisation_id;
