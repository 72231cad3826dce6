// GNOME and other Linux desktops: reading evolution-data-server's address books over D-Bus.
export * from './reader.ts';
