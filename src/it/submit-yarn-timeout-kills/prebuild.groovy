// the MiniYARNCluster starts in pre-integration-test; wait until it has written its configuration
def ready = new File(yarnDir, 'yarn.properties')
def deadline = System.currentTimeMillis() + 180_000
while (!ready.exists() && System.currentTimeMillis() < deadline) {
    Thread.sleep(250)
}
assert ready.exists() : "MiniYARNCluster not ready after 180 s: no $ready"
return true
