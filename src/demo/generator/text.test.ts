import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atPlace, formatCount, ofPlace, slugify } from './text.js';

test('French contractions before a place name', () => {
  assert.equal(ofPlace('Lyon'), 'de Lyon');
  assert.equal(ofPlace('Annecy'), "d'Annecy");
  assert.equal(ofPlace('Évry-Courcouronnes'), "d'Évry-Courcouronnes");
  assert.equal(ofPlace('Le Havre'), 'du Havre');
  assert.equal(ofPlace('Les Mureaux'), 'des Mureaux');
  assert.equal(ofPlace('La Rochelle'), 'de La Rochelle');
  assert.equal(ofPlace("L'Haÿ-les-Roses"), "de L'Haÿ-les-Roses");
  assert.equal(atPlace('Le Havre'), 'au Havre');
  assert.equal(atPlace('Les Mureaux'), 'aux Mureaux');
  assert.equal(atPlace('Saint-Étienne'), 'à Saint-Étienne');
});

test('numbers as French writes them', () => {
  assert.equal(formatCount(7), '7');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(1250), '1\u202f250');
  assert.equal(formatCount(1234567), '1\u202f234\u202f567');
});

test('host names from French names', () => {
  assert.equal(slugify('Les Jardins de Saint-Étienne'), 'les-jardins-de-saint-etienne');
  assert.equal(slugify("Cœur d'Œuvre à L'Haÿ"), 'coeur-d-oeuvre-a-l-hay');
  assert.equal(slugify('  --Énergie  citoyenne--  '), 'energie-citoyenne');
  assert.ok(slugify(`${'a'.repeat(30)}-${'b'.repeat(40)}`).length <= 63);
});
