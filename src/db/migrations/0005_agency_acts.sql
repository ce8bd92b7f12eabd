CREATE TABLE "api_clients" (
	"client_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"provider_id" uuid,
	"agency_orgnr" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "api_clients_one_scope" CHECK (("api_clients"."provider_id" is null) <> ("api_clients"."agency_orgnr" is null))
);
--> statement-breakpoint
CREATE TABLE "app_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"acting_role" text NOT NULL,
	"agency_orgnr" text,
	"provider_id" uuid,
	"ministry_orgnr" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"via_api" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"agency_orgnr" text,
	"provider_id" uuid,
	"ministry_orgnr" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_assignments_scope" CHECK (("role_assignments"."role" = 'agency_editor' and "role_assignments"."agency_orgnr" is not null and "role_assignments"."provider_id" is null and "role_assignments"."ministry_orgnr" is null)
       or ("role_assignments"."role" = 'provider_editor' and "role_assignments"."provider_id" is not null and "role_assignments"."agency_orgnr" is null and "role_assignments"."ministry_orgnr" is null)
       or ("role_assignments"."role" = 'ministry_viewer' and "role_assignments"."ministry_orgnr" is not null and "role_assignments"."agency_orgnr" is null and "role_assignments"."provider_id" is null)
       or ("role_assignments"."role" = 'admin' and "role_assignments"."agency_orgnr" is null and "role_assignments"."provider_id" is null and "role_assignments"."ministry_orgnr" is null))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"id_token" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer" text,
	"subject" text,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "users_issuer_subject_together" CHECK (("users"."issuer" is null) = ("users"."subject" is null))
);
--> statement-breakpoint
CREATE TABLE "agency_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_orgnr" text NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"postal_code" text,
	"city" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_locations_postal_code" CHECK ("agency_locations"."postal_code" is null or "agency_locations"."postal_code" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid NOT NULL,
	"agency_orgnr" text NOT NULL,
	"kind" text NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_by" text NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"follow_up" text,
	"follow_up_note" text,
	"follow_up_at" timestamp with time zone,
	"follow_up_by" text,
	CONSTRAINT "declarations_orgnr_format" CHECK (agency_orgnr ~ '^[0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipients" text[] NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"kind" text NOT NULL,
	"entity_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "procurement_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procurement_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid,
	"by_name" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "procurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"service_id" uuid,
	"title" jsonb NOT NULL,
	"category" text NOT NULL,
	"description" jsonb NOT NULL,
	"obligation" text NOT NULL,
	"eligibility" text DEFAULT 'state' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"planned_announcement_on" date,
	"estimated_value_nok" bigint,
	"consultation_opens_at" timestamp with time zone,
	"consultation_deadline" timestamp with time zone,
	"questionnaire_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurements_value_nonnegative" CHECK ("procurements"."estimated_value_nok" is null or "procurements"."estimated_value_nok" >= 0),
	CONSTRAINT "procurements_window_ordered" CHECK ("procurements"."consultation_deadline" is null or "procurements"."consultation_opens_at" is null or "procurements"."consultation_opens_at" < "procurements"."consultation_deadline")
);
--> statement-breakpoint
CREATE TABLE "questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"purpose" text NOT NULL,
	"title" jsonb NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_opt_outs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_orgnr" text NOT NULL,
	"service_id" uuid NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	"declared_by" text NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_ministry_orgnr_agencies_orgnr_fk" FOREIGN KEY ("ministry_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_locations" ADD CONSTRAINT "agency_locations_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_milestones" ADD CONSTRAINT "procurement_milestones_procurement_id_procurements_id_fk" FOREIGN KEY ("procurement_id") REFERENCES "public"."procurements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_milestones" ADD CONSTRAINT "procurement_milestones_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurements" ADD CONSTRAINT "procurements_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD CONSTRAINT "service_opt_outs_agency_orgnr_agencies_orgnr_fk" FOREIGN KEY ("agency_orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD CONSTRAINT "service_opt_outs_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_opt_outs" ADD CONSTRAINT "service_opt_outs_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_agency_idx" ON "audit_events" USING btree ("agency_orgnr","seq");--> statement-breakpoint
CREATE INDEX "audit_events_provider_idx" ON "audit_events" USING btree ("provider_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_seq_idx" ON "audit_events" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "role_assignments_unique_idx" ON "role_assignments" USING btree ("user_id","role",coalesce("agency_orgnr", "ministry_orgnr", "provider_id"::text, ''));--> statement-breakpoint
CREATE INDEX "role_assignments_user_idx" ON "role_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_issuer_subject_idx" ON "users" USING btree ("issuer","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "agency_locations_agency_idx" ON "agency_locations" USING btree ("agency_orgnr");--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_one_per_agency_idx" ON "declarations" USING btree ("procurement_id","agency_orgnr");--> statement-breakpoint
CREATE INDEX "declarations_agency_idx" ON "declarations" USING btree ("agency_orgnr");--> statement-breakpoint
CREATE INDEX "mail_outbox_pending_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "procurement_milestones_procurement_idx" ON "procurement_milestones" USING btree ("procurement_id","at");--> statement-breakpoint
CREATE INDEX "procurements_provider_idx" ON "procurements" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "procurements_status_idx" ON "procurements" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaires_slug_version_idx" ON "questionnaires" USING btree ("slug","version");--> statement-breakpoint
CREATE UNIQUE INDEX "service_opt_outs_one_standing_idx" ON "service_opt_outs" USING btree ("agency_orgnr","service_id") WHERE "service_opt_outs"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "service_opt_outs_service_idx" ON "service_opt_outs" USING btree ("service_id");