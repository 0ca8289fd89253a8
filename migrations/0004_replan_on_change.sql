-- Any change to what the clocks read of an account makes it due at the next planner pass
-- ('epoch' is earlier than any pass's clock). In the database, so no write path can forget it:
-- the Slack app, the CLI, an import or a hand-written fix all replan the account.
CREATE FUNCTION cs_replan_account_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE accounts SET replan_at = 'epoch' WHERE id = OLD.account_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE accounts SET replan_at = 'epoch' WHERE id = NEW.account_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER activities_replan_account AFTER INSERT OR UPDATE OR DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION cs_replan_account_of_row();--> statement-breakpoint
CREATE TRIGGER account_members_replan_account AFTER INSERT OR UPDATE OR DELETE ON account_members
  FOR EACH ROW EXECUTE FUNCTION cs_replan_account_of_row();--> statement-breakpoint
CREATE FUNCTION cs_replan_changed_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.status, NEW.channel_id, NEW.csm_segment, NEW.priority, NEW.health, NEW.contract_start, NEW.renewal_date,
      NEW.success_services, NEW.csa_ase_identified_on, NEW.success_plan_active)
     IS DISTINCT FROM
     (OLD.status, OLD.channel_id, OLD.csm_segment, OLD.priority, OLD.health, OLD.contract_start, OLD.renewal_date,
      OLD.success_services, OLD.csa_ase_identified_on, OLD.success_plan_active) THEN
    NEW.replan_at := 'epoch';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER accounts_replan_on_change BEFORE UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION cs_replan_changed_account();
