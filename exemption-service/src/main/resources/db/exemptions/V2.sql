-- Other exemption-service instances follow register imports by asking for rows written since a moment
-- (nl.zes.exemption.index.RegisterFollower); these keep that question an index range scan.
CREATE INDEX vehicle_imported_at ON vehicle (imported_at);
CREATE INDEX vehicle_fuel_imported_at ON vehicle_fuel (imported_at);
CREATE INDEX vehicle_body_imported_at ON vehicle_body (imported_at);
