// the job as it changes between submissions: v2 changes only the job's own code, v3 a dependency
def copy = { String from, String to, Closure edit ->
    new File(basedir, "src/$from").eachFileRecurse(groovy.io.FileType.FILES) { f ->
        def target = new File(basedir, "src/$to/" + (f.path - new File(basedir, "src/$from").path))
        target.parentFile.mkdirs()
        target.text = edit(f.name, f.text)
    }
}
copy('v1', 'v2') { name, text -> name == '__init__.py' && text.contains('CODE =') ? text.replace('CODE = "v1"', 'CODE = "v2"') : text }
copy('v1', 'v3') { name, text -> text.replace('0.1', '0.2') }

// what a cluster's admin sets up for a second user, bob: his home, and a shared directory open to all, sticky
def props = new Properties()
new File(yarnDir, 'yarn.properties').withInputStream { props.load(it) }
def admin = { String path, String op ->
    def http = new URL(props.webhdfs + path + '?op=' + op + '&user.name=' + System.getProperty('user.name')).openConnection()
    http.requestMethod = 'PUT'
    assert http.responseCode == 200 : "$op $path: ${http.responseCode}"
}
admin('/user/bob', 'MKDIRS')
admin('/user/bob', 'SETOWNER&owner=bob&group=bob')
admin('/it/shared', 'MKDIRS&permission=1777')
admin('/it/planted', 'MKDIRS&permission=1777') // where mallory plants a layer (plant.py)
return true
