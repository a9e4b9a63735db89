-- Health told outside the check by a client who has not agreed to the processing of health
-- answers is held for a day only, while they are asked whether to keep it for the specialist
-- (bot/flows/health_kept.py): 1 once they agreed, so retention keeps it its usual time.
ALTER TABLE clients ADD COLUMN health_told_kept INTEGER NOT NULL DEFAULT 0;
