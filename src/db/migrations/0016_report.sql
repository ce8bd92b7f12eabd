-- Issue 17, item 1: the provider follows up an agency's voluntary non-use of a service (to_contact → contacted →
-- resolved) with a note that stays internal to the provider; the agency and its ministry never see it.
ALTER TABLE "service_opt_outs" ADD COLUMN "follow_up" text;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD COLUMN "follow_up_note" text;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD COLUMN "follow_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD COLUMN "follow_up_by" text;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD CONSTRAINT "service_opt_outs_follow_up" CHECK ("follow_up" is null or "follow_up" in ('to_contact', 'contacted', 'resolved'));
