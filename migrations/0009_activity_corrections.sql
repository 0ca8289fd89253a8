ALTER TABLE "activities" ADD COLUMN "summary_channel" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "summary_ts" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "edited_by" text;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "deleted_by" text;