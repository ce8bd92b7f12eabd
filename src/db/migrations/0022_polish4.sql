-- Issue 18 (content the pages promise): what a provider charges for a service, per unit and per tier or price model,
-- in NOK (CPSV-AP-NO cv:Cost). Written when a service draft is published; a service without rows states no price.
CREATE TABLE "service_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL REFERENCES "public"."services"("id") ON DELETE cascade,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"label" jsonb,
	"amount" numeric(14, 2) NOT NULL,
	"unit" text NOT NULL,
	"note" jsonb,
	"valid_from" date,
	CONSTRAINT "service_prices_amount_range" CHECK ("amount" >= 0),
	CONSTRAINT "service_prices_unit_known" CHECK (unit in ('per_employee_year', 'per_user_month', 'per_year', 'per_month', 'per_transaction', 'per_hour', 'one_off'))
);
--> statement-breakpoint
CREATE INDEX "service_prices_service_idx" ON "service_prices" ("service_id", "sort_order");
--> statement-breakpoint
-- Prices are catalogue data: a change bumps the catalogue's data version like a change of tiers (migration 0008).
CREATE TRIGGER "service_prices_bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_prices" FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('catalogue');
