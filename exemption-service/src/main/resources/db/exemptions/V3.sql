-- Which exemption-service instance last wrote a register row. An instance's own imports put what they write into
-- its index themselves, so its RegisterFollower re-reads only the rows other instances wrote (reading its own
-- again doubled the work of PostgreSQL during an import).
ALTER TABLE vehicle ADD COLUMN written_by text;
ALTER TABLE vehicle_fuel ADD COLUMN written_by text;
ALTER TABLE vehicle_body ADD COLUMN written_by text;
