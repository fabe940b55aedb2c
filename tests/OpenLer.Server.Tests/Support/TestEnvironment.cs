using System.Runtime.CompilerServices;

namespace OpenLer.Server.Tests.Support;

/// <summary>
/// Process-wide settings of the test run, set before any app starts. Each in-memory app would otherwise watch its
/// configuration files and static files with inotify, and hundreds of short-lived apps exhaust the per-user inotify
/// limit (128 on this machine kind, shared with every other process of the user): polling watchers and no config reload.
/// </summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }
}
