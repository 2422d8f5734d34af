/// A setting that is missing or malformed; start-up stops with its one-line description.
struct SettingsError: Error, CustomStringConvertible {
    /// The environment variable at fault.
    let name: String
    /// What is wrong with it.
    let problem: String

    var description: String { "setting \(name): \(problem)" }
}
