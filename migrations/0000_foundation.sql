CREATE TABLE "account_members" (
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	"slack_user_id" text NOT NULL,
	CONSTRAINT "account_members_account_id_role_pk" PRIMARY KEY("account_id","role")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"channel_id" text,
	"employee_count" integer,
	"sales_segment" text,
	"csm_segment" text,
	"priority" text DEFAULT 'PR3' NOT NULL,
	"health" text DEFAULT 'green' NOT NULL,
	"contract_start" date,
	"renewal_date" date,
	"success_services" boolean DEFAULT false NOT NULL,
	"csa_ase_identified_on" date,
	"success_plan_active" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"type" text NOT NULL,
	"occurred_on" date NOT NULL,
	"logged_by" text NOT NULL,
	"participants" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"renewal_outcome" text,
	"accelerator_type" text,
	"content_module" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_members" ADD CONSTRAINT "account_members_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_members_user_idx" ON "account_members" USING btree ("slack_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_name_key_unique" ON "accounts" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "accounts_channel_id_idx" ON "accounts" USING btree ("channel_id");--> statement-breakpoint
CREATE INDEX "activities_account_occurred_idx" ON "activities" USING btree ("account_id","occurred_on");