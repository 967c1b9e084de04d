'use strict';
// Confluent's JavaScript schema-registry serdes, run by ConfluentInteropIT against the Meshwork registry.
//
//   node interop.js deserialize <registryUrl> <topic> <hexFile> [headerHexFile]
//       prints the decoded value as JSON; with headerHexFile, the record has that __value_schema_id header
//   node interop.js serialize   <registryUrl> <topic> <jsonFile> <hexOut>
//       writes the wire-format bytes as hex
//   node interop.js serialize-header <registryUrl> <topic> <jsonFile> <hexOut> <headerHexOut> <register|lookup>
//       the same with Confluent's HeaderSchemaIdSerializer: the payload is the bare datum and the schema's GUID
//       goes into the __value_schema_id header (0x01 + 16 bytes), written as hex to headerHexOut
//
// All use Confluent's defaults otherwise (value serde, DualSchemaIdDeserializer, default subject name strategy).
// The serializers register the schema they derive from the message (autoRegisterSchemas: true), except
// serialize-header ... lookup, which looks it up (POST /subjects/{subject}, autoRegisterSchemas: false).
const fs = require('fs');
const {
  SchemaRegistryClient,
  SerdeType,
  AvroSerializer,
  AvroDeserializer,
  HeaderSchemaIdSerializer,
  VALUE_SCHEMA_ID_HEADER,
} = require('@confluentinc/schemaregistry');

function readHex(file) {
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}

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
  const [command, url, topic, input, output, headerOutput, mode] = process.argv.slice(2);
  const client = new SchemaRegistryClient({ baseURLs: [url], maxRetries: 1 });
  if (command === 'deserialize') {
    const bytes = readHex(input);
    const headers = output ? { [VALUE_SCHEMA_ID_HEADER]: readHex(output) } : undefined;
    const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
    const value = await deserializer.deserialize(topic, bytes, headers);
    process.stdout.write(toJson(value) + '\n');
  } else if (command === 'serialize-header') {
    if (mode !== 'register' && mode !== 'lookup') {
      throw new Error('serialize-header needs register or lookup as its last argument, got ' + mode);
    }
    const message = JSON.parse(fs.readFileSync(input, 'utf8'));
    const serializer = new AvroSerializer(client, SerdeType.VALUE, {
      autoRegisterSchemas: mode === 'register',
      schemaIdSerializer: HeaderSchemaIdSerializer,
    });
    const headers = {};
    const bytes = await serializer.serialize(topic, message, headers);
    const header = headers[VALUE_SCHEMA_ID_HEADER];
    if (!header) {
      throw new Error('HeaderSchemaIdSerializer set no ' + VALUE_SCHEMA_ID_HEADER + ' header: ' + JSON.stringify(headers));
    }
    fs.writeFileSync(output, bytes.toString('hex'));
    fs.writeFileSync(headerOutput, Buffer.from(header).toString('hex'));
    process.stdout.write('wrote ' + bytes.length + ' bytes and a ' + header.length + '-byte header\n');
  } else if (command === 'serialize') {
    const message = JSON.parse(fs.readFileSync(input, 'utf8'));
    const serializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: true });
    const bytes = await serializer.serialize(topic, message);
    fs.writeFileSync(output, bytes.toString('hex'));
    process.stdout.write('wrote ' + bytes.length + ' bytes\n');
  } else {
    throw new Error('unknown command ' + command + '; use deserialize, serialize or serialize-header');
  }
}

main().catch((error) => {
  console.error('interop.js failed: ' + (error && error.stack ? error.stack : error));
  if (error && error.response) {
    console.error('registry answered ' + error.response.status + ': ' + JSON.stringify(error.response.data));
  }
  process.exit(1);
});
