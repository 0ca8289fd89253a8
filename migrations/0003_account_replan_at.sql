ALTER TABLE "accounts" ADD COLUMN "replan_at" timestamp with time zone DEFAULT 'epoch';--> statement-breakpoint
CREATE INDEX "accounts_replan_at_idx" ON "accounts" USING btree ("replan_at");