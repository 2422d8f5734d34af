import Postgres

/// Settings that every process of a deployment must share (`deployment_settings`), by environment variable name.
public struct DeploymentSettingStore {
    let connection: PostgresConnection

    /// Records `value` for `name` unless a value is recorded already, and returns the recorded one (this `value`
    /// for the first process to ask). Concurrent first calls record one value, which every caller gets.
    public func recordFirst(name: String, value: String) throws -> String {
        _ = try connection.execute(
            "INSERT INTO deployment_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            [name, value])
        // A statement of its own: its snapshot sees a row that a concurrent first call committed meanwhile.
        guard let recorded = try connection.query("SELECT value FROM deployment_settings WHERE name = $1", [name])
            .first?.decode(0, as: String.self)
        else { throw StorageError.database("deployment setting \(name) was not recorded") }
        return recorded
    }

    /// Records `value` for `name`, replacing any recorded one.
    public func replace(name: String, value: String) throws {
        _ = try connection.execute(
            """
            INSERT INTO deployment_settings (name, value) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, recorded_at = now()
            """,
            [name, value])
    }
}
