#!/usr/bin/env node
// Starts dynalite bound to one address. Its own cli.js always listens on every
// interface; the test harness must bind nothing but 127.0.0.1.
//
// usage: node dynalite_server.js --host 127.0.0.1 --port PORT [--path DIR]
//            [--createTableMs N] [--deleteTableMs N] [--updateTableMs N] [--maxItemSizeKb N]
'use strict'

const dynalite = require('dynalite')

const numeric = new Set(['port', 'createTableMs', 'deleteTableMs', 'updateTableMs', 'maxItemSizeKb'])
const known = new Set([...numeric, 'host', 'path'])
const options = {}
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i += 2) {
  const name = args[i].replace(/^--/, '')
  if (!args[i].startsWith('--') || !known.has(name) || i + 1 >= args.length) {
    console.error(`dynalite_server.js: bad argument ${args[i]}`)
    process.exit(2)
  }
  options[name] = numeric.has(name) ? Number(args[i + 1]) : args[i + 1]
}
if (!options.host || !options.port) {
  console.error('dynalite_server.js: --host and --port are required')
  process.exit(2)
}

const { host, port, ...dynaliteOptions } = options
const server = dynalite(dynaliteOptions)
server.on('error', (err) => {
  console.error(`dynalite_server.js: ${err.message}`)
  process.exit(1)
})
server.listen(port, host, () => {
  const address = server.address()
  console.log(`dynalite listening at http://${address.address}:${address.port}`)
})
