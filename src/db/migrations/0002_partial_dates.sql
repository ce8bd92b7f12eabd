ALTER TABLE "services" ALTER COLUMN "launched_on" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "services" ALTER COLUMN "planned_on" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "services" ALTER COLUMN "phased_out_on" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_launched_on_format" CHECK (launched_on ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$');--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_planned_on_format" CHECK (planned_on ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$');--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_phased_out_on_format" CHECK (phased_out_on ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$');