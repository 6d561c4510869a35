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
return true
