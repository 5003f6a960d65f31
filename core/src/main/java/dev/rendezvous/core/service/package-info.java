/**
 * The use cases behind the HTTP routes (register, verify, logout, peer address, peer status),
 * written once over the storage port so that every adapter (Lambda, local server) behaves alike.
 */
package dev.rendezvous.core.service;
