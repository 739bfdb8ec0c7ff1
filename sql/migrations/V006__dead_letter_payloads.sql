-- Dead letters keep at most the first 64 KiB of a payload: as text when it is UTF-8 without NUL
-- characters, as base64 otherwise (text cannot hold either), with the size and SHA-256 of the
-- whole record as received, so it can be found in the source topic. Rows written before this
-- migration hold the payload as text (NUL removed) and leave these columns NULL.
ALTER TABLE dead_letters
    ADD COLUMN payload_encoding text,
    ADD COLUMN payload_size     integer,
    ADD COLUMN payload_sha256   text;
