"""A US state: /state?name=Ohio"""

from components import place_page

place_page.show("state")
