ALTER TABLE "agencies" ADD COLUMN "notice_email" text;
