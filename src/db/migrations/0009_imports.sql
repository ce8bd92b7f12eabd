CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_provider_id" uuid,
	"actor_label" text NOT NULL,
	"provider_id" uuid,
	"file_name" text,
	"file_sha256" text,
	"file_bytes" bigint,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"message" text,
	CONSTRAINT "import_runs_sha256_format" CHECK ("import_runs"."file_sha256" is null or "import_runs"."file_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "register_pending_parents" (
	"orgnr" text PRIMARY KEY NOT NULL,
	"parent_orgnr" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_actor_provider_id_providers_id_fk" FOREIGN KEY ("actor_provider_id") REFERENCES "public"."providers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_pending_parents" ADD CONSTRAINT "register_pending_parents_orgnr_agencies_orgnr_fk" FOREIGN KEY ("orgnr") REFERENCES "public"."agencies"("orgnr") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_runs_kind_started_idx" ON "import_runs" USING btree ("kind","started_at");--> statement-breakpoint
CREATE INDEX "import_runs_provider_idx" ON "import_runs" USING btree ("provider_id");