CREATE TABLE "handled_requests" (
	"key" text PRIMARY KEY NOT NULL,
	"handled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "handled_requests_handled_at_idx" ON "handled_requests" USING btree ("handled_at");