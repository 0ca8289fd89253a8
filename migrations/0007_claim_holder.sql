-- Which database session holds each claim, so that a claim whose session has ended (its process
-- died) is recovered at once instead of after the lease. Nullable and without a default: adding
-- them rewrites nothing, and claims already in flight keep null, which means "wait for the lease".
ALTER TABLE "notifications" ADD COLUMN "claim_backend_pid" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "claim_backend_start" timestamp with time zone;