import Logging
import Storage

/// The settings every `serve` and `worker` of one deployment must share, and how a process checks that it does.
///
/// Processes hand each other work through the queue: a `worker` allowing private targets would deliver what a
/// strict `serve` refused to let through, so one deployment has one policy. The first process to start records
/// its values in the database (`deployment_settings`); a process started with other values refuses to start.
enum DeploymentAgreement {
    /// The shared settings' environment variables and this process's values.
    static func values(of settings: Settings) -> [(name: String, value: String)] {
        [("WEBHOOKS_ALLOW_PRIVATE_TARGETS", String(settings.allowPrivateTargets))]
    }

    /// Records this process's values where none is recorded, and stops the process (status 2, one line naming the
    /// setting) when the deployment recorded another. `required == false` (`serve`, which also answers `/readyz`
    /// while the database is down or unmigrated) starts anyway when the database cannot tell, with a warning.
    static func join(_ database: Database, settings: Settings, required: Bool, logger: Logger) {
        for (name, value) in values(of: settings) {
            let recorded: String
            do {
                recorded = try database.transaction { try $0.deploymentSettings.recordFirst(name: name, value: value) }
            } catch {
                guard !required else { Startup.fail("cannot compare \(name) with this deployment's: \(error)") }
                logger.warning("deployment setting not compared: the database cannot tell yet",
                               metadata: ["setting": "\(name)", "error": "\(error)"])
                continue
            }
            guard recorded == value else {
                Startup.fail("setting \(name): is \(value) here, but this deployment runs with \(recorded) (recorded in "
                    + "its database by the first process to start); every serve and worker must use the same value "
                    + "(to change it, stop them all and run `webhooksd admin record-deployment-settings` with the new one)")
            }
        }
    }

    /// Records this process's values, replacing the recorded ones (a deliberate change of policy).
    static func record(_ database: Database, settings: Settings) throws -> [String: String] {
        let values = values(of: settings)
        try database.transaction { session in
            for (name, value) in values { try session.deploymentSettings.replace(name: name, value: value) }
        }
        return Dictionary(uniqueKeysWithValues: values.map { ($0.name, $0.value) })
    }
}
