CREATE TABLE "home_viewers" (
	"user_id" text PRIMARY KEY NOT NULL,
	"opened_at" timestamp with time zone NOT NULL
);
