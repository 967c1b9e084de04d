'use strict';
// Confluent's JavaScript schema-registry serdes, run by ConfluentInteropIT against the Meshwork registry.
//
//   node interop.js deserialize <registryUrl> <topic> <hexFile>           prints the decoded value as JSON
//   node interop.js serialize   <registryUrl> <topic> <jsonFile> <hexOut>  writes the wire-format bytes as hex
//
// Both use Confluent's defaults (value serde, prefix schema-id form, default subject name strategy);
// the serializer registers the schema it derives from the message (autoRegisterSchemas: true).
const fs = require('fs');
const {
  SchemaRegistryClient,
  SerdeType,
  AvroSerializer,
  AvroDeserializer,
} = require('@confluentinc/schemaregistry');

function toJson(value) {
  return JSON.stringify(value, (key, v) => {
    if (typeof v === 'bigint') {
      return Number(v);
    }
    if (v && v.type === 'Buffer' && Array.isArray(v.data)) {
      return Buffer.from(v.data).toString('base64');
    }
    return v;
  });
}

async function main() {
  const [command, url, topic, input, output] = process.argv.slice(2);
  const client = new SchemaRegistryClient({ baseURLs: [url], maxRetries: 1 });
  if (command === 'deserialize') {
    const bytes = Buffer.from(fs.readFileSync(input, 'utf8').trim(), 'hex');
    const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
    const value = await deserializer.deserialize(topic, bytes);
    process.stdout.write(toJson(value) + '\n');
  } else if (command === 'serialize') {
    const message = JSON.parse(fs.readFileSync(input, 'utf8'));
    const serializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: true });
    const bytes = await serializer.serialize(topic, message);
    fs.writeFileSync(output, bytes.toString('hex'));
    process.stdout.write('wrote ' + bytes.length + ' bytes\n');
  } else {
    throw new Error('unknown command ' + command + '; use deserialize or serialize');
  }
}

main().catch((error) => {
  console.error('interop.js failed: ' + (error && error.stack ? error.stack : error));
  if (error && error.response) {
    console.error('registry answered ' + error.response.status + ': ' + JSON.stringify(error.response.data));
  }
  process.exit(1);
});
