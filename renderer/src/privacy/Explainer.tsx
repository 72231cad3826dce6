/** Plain words on what Kith needs and what never leaves this computer. */
export function Explainer() {
  return (
    <section className="panel" aria-labelledby="explainer-title" data-testid="privacy-explainer">
      <h3 id="explainer-title">What Kith does with your contacts</h3>
      <p>
        Kith reads your address book to find out which of your contacts use Kith, and shows them under the names you
        saved.
      </p>
      <ul className="plain-list">
        <li>
          <strong>Only phone numbers are uploaded</strong>, each in its international form (E.164, like +447700900123),
          and only when they change.
        </li>
        <li>
          <strong>Names, labels, notes, emails and addresses never leave this computer.</strong> The names you see on
          the On Kith screen come from your own address book.
        </li>
        <li>
          The server limits how many new numbers one account can check (50,000 at first, then a few an hour), so nobody
          can use it to find out who is registered. People who are not discoverable are never revealed.
        </li>
        <li>You can exclude a contact or a number, look at every upload below, and delete it all from the server.</li>
      </ul>
    </section>
  );
}
