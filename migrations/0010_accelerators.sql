CREATE TABLE "accelerators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"type" text NOT NULL,
	"content_module" text,
	"starts_on" date NOT NULL,
	"csa_user_id" text NOT NULL,
	"started_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "accelerator_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "accelerator_phase" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "completed_by_accelerator_id" uuid;--> statement-breakpoint
ALTER TABLE "accelerators" ADD CONSTRAINT "accelerators_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accelerators_account_starts_unique" ON "accelerators" USING btree ("account_id","starts_on");--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_accelerator_id_accelerators_id_fk" FOREIGN KEY ("accelerator_id") REFERENCES "public"."accelerators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_completed_by_accelerator_id_accelerators_id_fk" FOREIGN KEY ("completed_by_accelerator_id") REFERENCES "public"."accelerators"("id") ON DELETE set null ON UPDATE no action;